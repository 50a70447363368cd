#pragma once
#include "i18n/i18n.h"

profila::StringTable LoadStringTable(profila::Language language);
