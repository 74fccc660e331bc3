#include "cli/application.hpp"

int main(int argc, char** argv) { return pact::cli::run(argc, argv); }
