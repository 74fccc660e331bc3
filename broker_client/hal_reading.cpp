#include "broker_client/hal_reading.hpp"

namespace pact::broker_client {

namespace {

std::optional<hal_link> read_link(const nlohmann::json& link) {
    if (!link.is_object() || !link.contains("href") || !link["href"].is_string()) {
        return std::nullopt;
    }
    hal_link read;
    read.href = link["href"].get<std::string>();
    read.templated = link.value("templated", false) == true;
    read.name = string_member(link, "name");
    read.title = string_member(link, "title");
    return read;
}

const nlohmann::json* relation_of(const nlohmann::json& resource, std::string_view relation) {
    if (!resource.is_object()) {
        return nullptr;
    }
    const auto links = resource.find("_links");
    if (links == resource.end() || !links->is_object()) {
        return nullptr;
    }
    const auto found = links->find(std::string(relation));
    return found == links->end() ? nullptr : &*found;
}

}  // namespace

std::string string_member(const nlohmann::json& object, std::string_view key, std::string_view fallback) {
    if (object.is_object()) {
        const auto found = object.find(std::string(key));
        if (found != object.end() && found->is_string()) {
            return found->get<std::string>();
        }
    }
    return std::string(fallback);
}

std::optional<hal_link> find_link(const nlohmann::json& resource, std::string_view relation) {
    const auto links = find_links(resource, relation);
    if (links.empty()) {
        return std::nullopt;
    }
    return links.front();
}

std::vector<hal_link> find_links(const nlohmann::json& resource, std::string_view relation) {
    std::vector<hal_link> links;
    const auto* value = relation_of(resource, relation);
    if (value == nullptr) {
        return links;
    }
    if (value->is_array()) {
        for (const auto& element : *value) {
            if (auto link = read_link(element)) {
                links.push_back(std::move(*link));
            }
        }
    } else if (auto link = read_link(*value)) {
        links.push_back(std::move(*link));
    }
    return links;
}

nlohmann::json embedded_list(const nlohmann::json& resource, std::string_view name) {
    if (resource.is_object()) {
        const auto embedded = resource.find("_embedded");
        if (embedded != resource.end() && embedded->is_object()) {
            const auto list = embedded->find(std::string(name));
            if (list != embedded->end() && list->is_array()) {
                return *list;
            }
        }
    }
    return nlohmann::json::array();
}

}  // namespace pact::broker_client
