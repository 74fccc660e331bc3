# What `cmake --install build [--prefix P]` installs: the pact and pact-broker executables, and for consumer
# tests outside this tree the pact::consumer library with what it needs (the static libraries it links, the
# headers its headers include, and a CMake package: find_package(pact CONFIG)). The Debian packages
# (cmake/packaging.cmake) are these install components: broker, cli, development.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS pact RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(TARGETS pact-broker RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT broker)

# Headers keep their "pact/model.hpp", "http/server.hpp", "consumer/pact_builder.hpp" names under a folder
# of their own, so that nothing lands in include/ itself. Only the libraries whose headers pact::consumer's
# headers include: the verifier and the schemas are linked, not included.
set(pact_include_dir ${CMAKE_INSTALL_INCLUDEDIR}/pact-system)
foreach(folder IN ITEMS pact http consumer)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${folder}/ DESTINATION ${pact_include_dir}/${folder} COMPONENT development
          FILES_MATCHING PATTERN "*.hpp" PATTERN examples EXCLUDE)
endforeach()

# pact::consumer and the static libraries it links, named as in this tree (pact::model, pact::http, ...).
# project_warnings is a private, link-only item of each of them, so the export has to carry it; being
# link-only, its warning flags never reach a consumer's compile.
set(pact_exported_libraries pact_consumer pact_model pact_http pact_wire pact_schemas pact_verifier)
foreach(library IN LISTS pact_exported_libraries)
  string(REGEX REPLACE "^pact_" "" export_name ${library})
  set_target_properties(${library} PROPERTIES EXPORT_NAME ${export_name})
endforeach()
install(TARGETS ${pact_exported_libraries} project_warnings EXPORT pact_targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        INCLUDES DESTINATION ${pact_include_dir})

# What the installed libraries need from the system, in one place: the package config finds each (the
# arguments of find_dependency, or a pkg-config module under the name of its PkgConfig:: target), and the
# Debian -dev package depends on the package that provides it (after "=").
set(pact_package_dependencies
  "Boost 1.81 CONFIG=libboost1.81-dev"
  "nlohmann_json 3.11=nlohmann-json3-dev (>= 3.11)"
  "OpenSSL=libssl-dev"
  "Threads=libc6-dev"
  "PkgConfig=pkg-config")
set(pact_package_pkg_config_modules
  "PUGIXML pugixml=libpugixml-dev"
  "LIBXSLT libxslt=libxslt1-dev")

set(pact_debian_development_depends "")
set(pact_find_dependencies "")
foreach(entry IN LISTS pact_package_dependencies pact_package_pkg_config_modules)
  string(REGEX MATCH "^([^=]+)=(.+)$" matched "${entry}")
  list(APPEND pact_debian_development_depends "${CMAKE_MATCH_2}")
  if(entry IN_LIST pact_package_dependencies)
    string(APPEND pact_find_dependencies "find_dependency(${CMAKE_MATCH_1})\n")
  else()
    string(APPEND pact_find_dependencies "pact_find_pkg_config_module(${CMAKE_MATCH_1})\n")
  endif()
endforeach()

set(pact_config_dir ${CMAKE_INSTALL_LIBDIR}/cmake/pact)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/pact-config.cmake.in
                              ${PROJECT_BINARY_DIR}/package/pact-config.cmake INSTALL_DESTINATION ${pact_config_dir})
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/pact-config-version.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/pact-config.cmake ${PROJECT_BINARY_DIR}/package/pact-config-version.cmake
        DESTINATION ${pact_config_dir} COMPONENT development)
install(EXPORT pact_targets NAMESPACE pact:: FILE pact-targets.cmake DESTINATION ${pact_config_dir} COMPONENT development)
