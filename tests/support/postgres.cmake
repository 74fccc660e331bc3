# One PostgreSQL server shared by the tests that need one, as the CTest fixture `postgres`: ctest runs
# postgres.start before the first test that requires it and postgres.stop after the last, also when only
# some of those tests are selected (ctest -R, -L). The tests find it through
# $PACT_BROKER_TEST_POSTGRES_DIR/url (fixture_admin_url() in tests/support/postgres_server.hpp) and each
# makes its own database there (create_test_database), so they can run in parallel.
#
# After include(), call add_postgres_fixture() once; then either
#   require_postgres_fixture(test...)            for tests added with add_test, or
#   postgres_fixture_properties(variable)        and pass ${variable} to doctest_discover_tests' PROPERTIES
#                                                (or to discover_labelled_tests, which forwards it).

set(PACT_POSTGRES_TEST_SERVER_DIR "${CMAKE_BINARY_DIR}/postgres-test-server")
# The environment setting that tells a test where the fixture's server is.
set(PACT_POSTGRES_TEST_ENVIRONMENT "PACT_BROKER_TEST_POSTGRES_DIR=${PACT_POSTGRES_TEST_SERVER_DIR}")
set(PACT_POSTGRES_TEST_SERVER_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/../../scripts/postgres-test-server.sh")
cmake_path(NORMAL_PATH PACT_POSTGRES_TEST_SERVER_SCRIPT)

function(add_postgres_fixture)
  add_test(NAME postgres.start COMMAND /bin/bash "${PACT_POSTGRES_TEST_SERVER_SCRIPT}" start "${PACT_POSTGRES_TEST_SERVER_DIR}")
  add_test(NAME postgres.stop COMMAND /bin/bash "${PACT_POSTGRES_TEST_SERVER_SCRIPT}" stop "${PACT_POSTGRES_TEST_SERVER_DIR}")
  # A real server, so labelled as the component tests that drive real binaries are.
  set_tests_properties(postgres.start PROPERTIES FIXTURES_SETUP postgres LABELS component TIMEOUT 120)
  set_tests_properties(postgres.stop PROPERTIES FIXTURES_CLEANUP postgres LABELS component TIMEOUT 120)
endfunction()

function(postgres_fixture_properties variable)
  set(${variable}
      FIXTURES_REQUIRED postgres
      ENVIRONMENT "${PACT_POSTGRES_TEST_ENVIRONMENT}"
      PARENT_SCOPE)
endfunction()

function(require_postgres_fixture)
  postgres_fixture_properties(properties)
  set_tests_properties(${ARGN} PROPERTIES ${properties})
endfunction()
