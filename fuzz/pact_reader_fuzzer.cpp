// libFuzzer harness: pact::read_pact on arbitrary bytes must not crash. A refusal names its source and says
// what is wrong; a pact that reads must survive being written back (v4) and read again, and read back as
// the same pact: written again, it gives what the first writing gave.

#include "pact/pact_reader.hpp"
#include "pact/pact_writer.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* problem, const std::string& detail) {
    std::fprintf(stderr, "%s: %s\n", problem, detail.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto document = pact::read_pact(text, "fuzz input");
    if (!document) {
        if (document.error().source != "fuzz input" || document.error().message.empty()) {
            fail("a refusal without its source or a reason", document.error().to_string());
        }
        return 0;
    }
    const auto written = pact::write_pact(*document, pact::specification_version::v4);
    const auto reread = pact::read_pact(written, "written back");
    if (!reread) fail("the writer's output does not read back", reread.error().to_string());
    const auto rewritten = pact::write_pact(*reread, pact::specification_version::v4);
    if (rewritten != written) fail("the pact read back differs from the pact written", written.dump() + "\nread back and written again:\n" + rewritten.dump());
    return 0;
}
