#pragma once
// The pages the `pb:` curies point at (`/doc/{rel}?context=…`, api/hal_links.cpp): for each relation the broker
// emits, what it leads to and which methods that resource takes.

#include "broker/api/route_table.hpp"

namespace pact::broker::html {

void add_relation_doc_pages(api::route_table& routes);

}  // namespace pact::broker::html
