// libFuzzer harness: a provider contract read from arbitrary bytes (YAML or JSON) and, when it reads, compared
// with a pact that reaches every rule (paths and parameters, query, headers, bodies both ways, statuses). Neither
// step may crash, hang or leak, whatever the document's schemas and references say.

#include "openapi/contract_comparison.hpp"
#include "pact/json_text.hpp"
#include "pact/pact_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

const pact::pact_document& compared_pact() {
    static const pact::pact_document pact = *pact::read_pact(R"({"consumer":{"name":"c"},"provider":{"name":"p"},
      "metadata":{"pactSpecification":{"version":"3.0.0"}},"interactions":[
      {"description":"read","request":{"method":"GET","path":"/orders/1","query":"limit=10&status=open,paid",
        "headers":{"Accept":"application/json","X-Api-Key":"k","Authorization":"Bearer t"}},
       "response":{"status":200,"headers":{"Content-Type":"application/json","X-Total":"3","ETag":"e"},
        "body":{"id":1,"total_cents":1250,"items":[{"sku":"a","quantity":2}],"note":null,"at":"2026-12-03T10:00:00Z"}}},
      {"description":"write","request":{"method":"POST","path":"/v1/orders","headers":{"Content-Type":"application/json"},
        "body":{"sku":"a","quantity":[1,{"x":true}]}},"response":{"status":201,"body":[1,"two",{"three":3}]}},
      {"description":"refused","request":{"method":"DELETE","path":"/orders/%7Bid%7D/x.json"},"response":{"status":404,"body":"gone"}}]})",
                                                             "fuzz pact");
    return pact;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto contract = pact::openapi::read_provider_contract(text, "");
    if (!contract) return 0;
    const auto comparison = pact::openapi::compare(compared_pact(), *contract);
    (void)pact::openapi::to_text(comparison);
    (void)pact::to_json_text(pact::openapi::to_json(comparison));
    return 0;
}
