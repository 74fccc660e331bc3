#include "http/client.hpp"
