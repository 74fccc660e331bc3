#include "http/url.hpp"
