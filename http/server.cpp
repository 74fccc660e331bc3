#include "http/server.hpp"
