#include "broker/api/domain_problem.hpp"

namespace pact::broker::api {

request_problem to_problem(const domain::domain_error& error) {
    nlohmann::json errors = error.fields.empty() ? nlohmann::json::array({error.message}) : nlohmann::json(error.fields);
    switch (error.what) {
        case domain::domain_error::kind::not_found:
            return {404, std::move(errors), error.message};
        case domain::domain_error::kind::conflict:
            // The publish conflict also goes out as a notice: the official CLI prints both.
            return request_problem{409, std::move(errors), error.message}.with(
                "notices", nlohmann::json::array({{{"type", "error"}, {"text", error.message}}}));
        case domain::domain_error::kind::invalid:
            break;
    }
    return {400, std::move(errors), error.message};
}

}  // namespace pact::broker::api
