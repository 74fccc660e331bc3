#pragma once
// The fields of a provider's responses and messages its consumers rely on, each with the consumers and versions
// that rely on it and the rule they apply, so that a person sees at a glance what is safe to remove: a field that
// is not listed is relied on by no consumer version that counts.

#include "broker/domain/field_usage_service.hpp"
#include "broker/html/page_links.hpp"

#include <string>
#include <vector>

namespace pact::broker::html {

// `environments`: the names offered as filters.
[[nodiscard]] std::string render_field_usage_page(const std::string& provider, const domain::field_usage_query& query,
                                                  const domain::field_usage_report& report, const std::vector<std::string>& environments,
                                                  const page_links& links);

}  // namespace pact::broker::html
