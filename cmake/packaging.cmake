# Debian packages of the install components (cmake/install.cmake), made from a build by
#   cd build && cpack -G DEB        # pact-broker_*.deb, pact-cli_*.deb, libpact-consumer-dev_*.deb
# dpkg-shlibdeps (dpkg-dev) computes the Depends of the executables; the -dev package depends on the
# -dev packages of what the package config finds (pact_debian_development_depends, cmake/install.cmake).
set(packaging_dir ${PROJECT_SOURCE_DIR}/packaging/debian)

# The broker as a system service. Only the packages carry these: `cmake --install build --prefix P` leaves
# them out (EXCLUDE_FROM_ALL), `--component broker` installs them.
install(FILES ${packaging_dir}/pact-broker.service DESTINATION lib/systemd/system COMPONENT broker EXCLUDE_FROM_ALL)
install(FILES ${packaging_dir}/default DESTINATION /etc/default RENAME pact-broker COMPONENT broker EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pact-system)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "pact-system maintainers <pact-system@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL broker cli development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

# The first line of each description is the package's summary (CPACK_PACKAGE_DESCRIPTION_SUMMARY stays
# unset: CPack would put it before each of them).
set(CPACK_DEBIAN_BROKER_PACKAGE_NAME pact-broker)
set(CPACK_DEBIAN_BROKER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_BROKER_PACKAGE_DEPENDS adduser)  # postinst's adduser, besides the computed libraries
set(CPACK_DEBIAN_BROKER_PACKAGE_CONTROL_EXTRA
    ${packaging_dir}/conffiles ${packaging_dir}/postinst ${packaging_dir}/prerm ${packaging_dir}/postrm)
set(CPACK_DEBIAN_BROKER_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_BROKER_DESCRIPTION "Pact broker: stores pacts and verification results, answers can-i-deploy
The broker the official Pact CLI and ours talk to (HAL+JSON API, HTML pages, webhooks), on an embedded
SQLite database, as the pact-broker systemd service configured by /etc/default/pact-broker.")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME pact-cli)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_CLI_DESCRIPTION "pact command line: verifier, stub, mock provider and broker client
pact verifier replays pacts against a provider, pact stub and pact mock serve them, and the broker
commands (publish, can-i-deploy, record-deployment, ...) take the official Pact CLI's flags.")

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libpact-consumer-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
list(JOIN pact_debian_development_depends ", " CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS)
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION "C++ library recording pacts in consumer tests (static, with headers)
pact::consumer for CMake (find_package(pact CONFIG)): a builder of interactions with matchers, run
against a mock provider on loopback, writing the pact when every expected request arrived.")

include(CPack)
