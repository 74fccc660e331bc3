#include "cli/application.hpp"

#include "build_info/build_info.hpp"
#include "cli/broker/broker_commands.hpp"
#include "cli/compare_contract/compare_contract_command.hpp"
#include "cli/mock/mock_command.hpp"
#include "cli/stub/stub_command.hpp"
#include "cli/verifier/broker_pact_source.hpp"
#include "cli/verifier/verifier_command.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace pact::cli {

int run(int argc, char** argv) {
    CLI::App application{"pact: verify providers against pacts, serve stubs from pacts, mock providers for consumer tests, talk to a pact broker"};
    application.require_subcommand(1);
    application.set_version_flag("--version", build_info::version_line("pact"), "Print the version and the commit built from, and exit");
    verifier_command verifier;
    verifier.add_source(make_broker_pact_source());
    verifier.attach(application);
    stub_command stub;
    stub.attach(application);
    mock_command mock;
    mock.attach(application);
    broker_commands broker;
    broker.attach(application);
    compare_contract_command compare_contract;
    compare_contract.attach(application);

    try {
        application.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = application.exit(error);
        return code == 0 ? 0 : 2;
    }
    try {
        if (verifier.chosen()) {
            const int code = verifier.run(std::cout, std::cerr);
            // The pacts read (millions of small allocations for large pacts) are still held by the
            // command: the process ends here without freeing them one by one, which would take about
            // as long as building them did. Output goes out first; nothing else needs tearing down.
            std::cout.flush();
            std::cerr.flush();
            std::fflush(nullptr);
            std::quick_exit(code);
        }
        if (stub.chosen()) return stub.run(std::cout, std::cerr);
        if (mock.chosen()) return mock.run(std::cout, std::cerr);
        if (broker.chosen()) return broker.run(std::cout, std::cerr);
        if (compare_contract.chosen()) return compare_contract.run(std::cout, std::cerr);
    } catch (const std::exception& failure) {
        std::cerr << "error: " << failure.what() << "\n";
        return 2;
    }
    return 2;
}

}  // namespace pact::cli
