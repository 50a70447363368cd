#pragma once
#include "i18n.h"

profila::StringTable LoadStringTable(profila::Language language);
