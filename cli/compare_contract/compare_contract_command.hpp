#pragma once
// `pact compare-contract --pact FILE --contract FILE`: the bi-directional comparison of a pact with a provider
// contract (OpenAPI or Swagger), locally and without a broker, as the broker makes it; exits 1 on errors.

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <string>

namespace pact::cli {

class compare_contract_command {
public:
    void attach(CLI::App& application);
    [[nodiscard]] bool chosen() const;
    // 0: compatible (warnings allowed); 1: an error; 2: an unreadable pact or contract.
    [[nodiscard]] int run(std::ostream& out, std::ostream& errors) const;

private:
    CLI::App* command_ = nullptr;
    std::string pact_file_;
    std::string contract_file_;
    std::string content_type_;
    std::string output_ = "text";
};

}  // namespace pact::cli
