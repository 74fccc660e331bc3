// `pact broker publish DIR|FILE|GLOB... --consumer-app-version V [--branch B] [--tag T] [--build-url U] [--merge]`

#include "cli/broker_command.hpp"
#include "cli/broker_output.hpp"

#include "broker_client/contract_publication.hpp"
#include "pact/pact_reader.hpp"

#include <ostream>
#include <regex>

namespace pact::cli {

namespace asio = boost::asio;

namespace {

// Notices as the official CLI prints them: whitespace runs collapsed, one per line.
std::string collapse_whitespace(const std::string& text) {
    static const std::regex runs("\\s+");
    auto collapsed = std::regex_replace(text, runs, " ");
    const auto first = collapsed.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : collapsed.substr(first);
}

class publish_command final : public broker_command {
public:
    std::string name() const override { return "publish"; }
    std::string description() const override { return "Publishes pacts to the Pact Broker"; }

    void add_options(CLI::App& command) override {
        command.add_option("files", locations_, "Pact files, directories of pact files, or glob patterns")->required();
        command.add_option("-a,--consumer-app-version", publication_.consumer_version, "The consumer application version")
            ->required();
        command.add_option("--branch", branch_, "Repository branch of the consumer version");
        command.add_option("-t,--tag", publication_.tags, "Tag name for consumer version (repeatable, or comma separated)")
            ->delimiter(',');
        command.add_option("--build-url", build_url_, "The build URL that created the pact");
        command.add_flag("--merge", publication_.merge,
                         "If a pact already exists for this consumer version and provider, merge the contents");
        command.add_flag("--validate", validate_, "Validate the pact files before publishing");
        add_output_option(command, output_, {"json", "text", "pretty"}, "text");
    }

    asio::awaitable<int> run(broker_client::broker_client& client, std::ostream& out) override {
        if (!branch_.empty()) {
            publication_.branch = branch_;
        }
        if (!build_url_.empty()) {
            publication_.build_url = build_url_;
        }
        const auto files = value_or_throw(broker_client::find_pact_files(locations_));
        if (validate_) {
            for (const auto& file : files) {
                if (const auto read = read_pact_file(file); !read) {
                    throw command_failure(read.error().to_string());
                }
            }
        }
        for (const auto& contract : value_or_throw(broker_client::read_contracts(files))) {
            if (output_ == "text") {
                out << "📨 Attempting to publish pact for consumer: " << contract.consumer
                    << " against provider: " << contract.provider << "\n";
            }
            const auto href = value_or_throw(co_await client.index_href("pb:publish-contracts"));
            const auto answer = co_await client.post(href, broker_client::publication_body(contract, publication_));
            if (!answer) {
                throw command_failure("Pact publication failed for consumer: " + contract.consumer +
                                          " against provider: " + contract.provider,
                                      answer.error());
            }
            if (output_ != "text") {
                print_json(out, *answer, output_ == "pretty");
                continue;
            }
            const auto notices = broker_client::read_notices(*answer);
            if (notices.empty()) {
                out << "✅ Pact published successfully for consumer: " << contract.consumer
                    << " against provider: " << contract.provider << "\n";
                continue;
            }
            out << "✅ ";
            for (const auto& notice : notices) {
                out << collapse_whitespace(notice.text) << "\n";
            }
        }
        co_return 0;
    }

private:
    std::vector<std::string> locations_;
    broker_client::publication_options publication_;
    std::string branch_;
    std::string build_url_;
    bool validate_ = false;
    std::string output_;
};

}  // namespace

std::unique_ptr<broker_command> make_publish_command() { return std::make_unique<publish_command>(); }

}  // namespace pact::cli
