#include "broker/api/pact_metadata.hpp"

#include "pact/base64.hpp"

#include <algorithm>

namespace pact::broker::api {

std::string encode_pact_metadata(std::string_view query) {
    auto text = pact::base64_encode(query);
    std::ranges::replace(text, '+', '-');
    std::ranges::replace(text, '/', '_');
    while (!text.empty() && text.back() == '=') text.pop_back();
    return text;
}

query_parameters decode_pact_metadata(std::string_view segment) {
    std::string text(segment);
    std::ranges::replace(text, '-', '+');
    std::ranges::replace(text, '_', '/');
    auto decoded = pact::base64_decode(text);
    return decoded ? query_parameters::parse(*decoded) : query_parameters{};
}

}  // namespace pact::broker::api
