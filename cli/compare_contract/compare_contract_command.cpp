#include "cli/compare_contract/compare_contract_command.hpp"

#include "openapi/contract_comparison.hpp"
#include "pact/file_content.hpp"
#include "pact/json_text.hpp"
#include "pact/pact_reader.hpp"

#include <ostream>

namespace pact::cli {

void compare_contract_command::attach(CLI::App& application) {
    command_ = application.add_subcommand("compare-contract",
                                          "Compare a pact with a provider contract (OpenAPI 3.0/3.1 or Swagger 2.0, YAML or JSON), as the broker's "
                                          "bi-directional comparison does; exit 1 when the pact relies on what the contract does not promise");
    command_->add_option("--pact", pact_file_, "The consumer's pact file")->required();
    command_->add_option("--contract", contract_file_, "The provider's OpenAPI or Swagger document")->required();
    command_->add_option("--content-type", content_type_,
                         "The contract's media type (application/yaml, application/json); by default JSON when it reads as JSON, else YAML");
    command_->add_option("-o,--output", output_, "text or json")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
}

bool compare_contract_command::chosen() const { return command_ != nullptr && command_->parsed(); }

int compare_contract_command::run(std::ostream& out, std::ostream& errors) const {
    const auto pact = read_pact_file(pact_file_);
    if (!pact) {
        errors << "error: the pact cannot be read: " << pact.error().to_string() << "\n";
        return 2;
    }
    const std::optional<std::string> content = read_file_content(contract_file_);
    if (!content) {
        errors << "error: the contract " << contract_file_ << " cannot be read\n";
        return 2;
    }
    std::string content_type = content_type_;
    if (content_type.empty() && (contract_file_.ends_with(".yaml") || contract_file_.ends_with(".yml"))) content_type = "application/yaml";
    const auto contract = openapi::read_provider_contract(*content, content_type);
    if (!contract) {
        errors << "error: " << contract_file_ << " is not a provider contract: " << contract.error().to_string() << "\n";
        return 2;
    }
    const openapi::contract_comparison comparison = openapi::compare(*pact, *contract);
    if (output_ == "json") out << to_json_text(openapi::to_json(comparison), 2) << "\n";
    else out << pact->consumer << "'s pact with " << pact->provider << " against " << contract_file_ << " (" << openapi::to_string(contract->format())
             << ")\n" << openapi::to_text(comparison);
    return comparison.compatible() ? 0 : 1;
}

}  // namespace pact::cli
