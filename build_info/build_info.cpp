#include "build_info/build_info.hpp"

#include "build_info/values.hpp"

namespace pact::build_info {

std::string_view version() { return values::version; }

std::string_view commit() { return values::commit; }

std::string version_line(std::string_view program) {
    return std::string(program) + " " + std::string(version()) + " (commit " + std::string(commit()) + ")";
}

}  // namespace pact::build_info
