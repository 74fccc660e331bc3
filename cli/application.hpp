#pragma once
// The `pact` command line: subcommands with the official CLI's flag names, output and exit codes.

namespace pact::cli {

// Parses the arguments, runs the chosen command, returns the process exit code. Exceptions end here.
[[nodiscard]] int run(int argc, char** argv);

}  // namespace pact::cli
