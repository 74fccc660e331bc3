// libFuzzer harness: pact::read_pact on arbitrary bytes. A document that reads must also survive being
// written back (v4) and read again: the writer's output is a pact our own reader has to accept. And the
// reading done while parsing must give what reading the whole document gives.

#include "pact/json_text.hpp"
#include "pact/pact_reader.hpp"
#include "pact/pact_writer.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto document = pact::read_pact(text, "fuzz input");
    if (!document) return 0;
    const auto written = pact::write_pact(*document, pact::specification_version::v4);
    const auto whole = pact::read_pact(pact::parse_json(text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text), "whole document");
    if (!whole || pact::write_pact(*whole, pact::specification_version::v4) != written) {
        std::fprintf(stderr, "the pact read while parsing differs from the whole document read\n");
        std::abort();
    }
    const auto reread = pact::read_pact(written, "written back");
    if (!reread) {
        std::fprintf(stderr, "the writer's output does not read back: %s\n", reread.error().to_string().c_str());
        std::abort();
    }
    return 0;
}
