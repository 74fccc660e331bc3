#pragma once
// The matrix of a pacticipant (or a pair): which consumer versions' pacts were verified by which provider
// versions, filterable by branch, tag and environment; and the can-i-deploy answer for a version and an
// environment, with its reasons.

#include "broker/domain/matrix_service.hpp"
#include "broker/html/page_links.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pact::broker::html {

struct matrix_filter {
    std::string pacticipant;
    std::string other;        // "" for every integration of `pacticipant`
    std::string branch;       // "" = any; else the pacticipant's version must be on it
    std::string tag;          // "" = any
    std::string environment;  // "" = any; else the pacticipant's version must be deployed or released there
};

// The rows where the filter's pacticipant's version has the branch, tag and environment asked for.
[[nodiscard]] std::vector<domain::matrix_row> filter_matrix_rows(const std::vector<domain::matrix_row>& rows, const matrix_filter& filter);

// `environments`: names offered in the filter form. `rows` are shown as given (filter them first).
[[nodiscard]] std::string render_matrix_page(const matrix_filter& filter, const std::vector<domain::matrix_row>& rows,
                                             const std::vector<std::string>& pacticipants, const std::vector<std::string>& environments,
                                             const page_links& links);

struct can_i_deploy_question {
    std::string pacticipant;
    std::string version;
    std::string environment;
};

[[nodiscard]] std::string render_can_i_deploy_page(const can_i_deploy_question& question, const domain::matrix_result& answer,
                                                   const std::vector<std::string>& environments, const page_links& links);

}  // namespace pact::broker::html
