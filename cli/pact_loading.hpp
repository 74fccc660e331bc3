#pragma once
// Reading the pacts a command was given: files, every pact file of a directory, URLs.

#include "http/tls_options.hpp"
#include "pact/model.hpp"

#include <expected>
#include <string>
#include <vector>

namespace pact::cli {

struct loaded_pact {
    pact_document pact;
    std::string source;  // the file name or URL it came from
};

struct pact_locations {
    std::vector<std::string> files;
    std::vector<std::string> directories;
    std::vector<std::string> urls;
    std::string extension = ".json";  // of the files read from a directory
    // Credentials for URLs: HTTP basic ("user" and "password") or a bearer token.
    std::string user;
    std::string password;
    std::string token;
    http::tls_options tls;  // for https URLs and brokers
};

// Every pact, in the order given (files, then directories sorted by name, then URLs). The first pact
// that cannot be read is the error: its file or URL, the JSON path and what is wrong.
[[nodiscard]] std::expected<std::vector<loaded_pact>, std::string> load_pacts(const pact_locations& locations);

}  // namespace pact::cli
