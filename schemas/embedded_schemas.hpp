#pragma once
// The schema files of schemas/, compiled into the library (see embed_schemas.cmake).

#include <string_view>
#include <vector>

namespace pact::schemas {

struct embedded_schema {
    std::string_view name;  // file name without ".json"
    std::string_view text;
};

[[nodiscard]] const std::vector<embedded_schema>& embedded_schemas();

}  // namespace pact::schemas
