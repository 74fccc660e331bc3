#pragma once
// The browsable side of the broker: the HTML pages, the SVG badges and the HAL browser. The pages are added to
// the broker's one route table beside the JSON resources of the same paths (route_table::add_page), built from
// the domain services and rendered by the pure page functions of this folder; broker_application chooses
// between a page and the JSON. Thread-safe (stateless over the thread-safe services).

#include "broker/domain/broker_services.hpp"
#include "broker/api/route_table.hpp"

namespace pact::broker::html {

// Every page and badge of the broker. Badges are served to every client (READMEs embed them with <img>) and
// need no credentials unless the settings say so; the other pages are served to browsers only.
void add_pages(api::route_table& routes, domain::broker_services& services);

// The broker's routes: every JSON resource (api::broker_routes) and every page.
[[nodiscard]] api::route_table site_routes(domain::broker_services& services);

}  // namespace pact::broker::html
