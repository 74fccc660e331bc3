// Linked into the executables that use mimalloc (see use_fast_allocator in the top CMakeLists.txt).
// Reading a large pact touches a few hundred megabytes of fresh memory: backing it with 2 MiB pages
// (transparent huge pages where the kernel allows them) takes a fifth of the page faults' cost off
// reading a 10,000-interaction pact.
#include <mimalloc.h>

namespace {

[[maybe_unused]] const bool large_os_pages_enabled = [] {
    mi_option_enable(mi_option_large_os_pages);
    return true;
}();

}  // namespace
