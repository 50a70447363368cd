// The app starts headless: strings of the asked language, the app's fonts (Debian's Inter here),
// a first workspace created and loaded, and every screen reachable from the navigation rail.
#include <cstring>
#include <fstream>

#include "app_driver.h"

TEST_CASE("startup: strings and fonts and the first workspace and every screen from the rail") {
    SUBCASE("English") {
        AppDriver d;
        CHECK(d.Require("nav.customers").Label == "Customers");
        ImFontAtlas* atlas = ImGui::GetIO().Fonts;
        REQUIRE(atlas->Fonts.Size == 3);  // body, heading, title (ui::LoadFonts)
        // Debian's Inter (fonts-inter) when installed, else ImGui's default font (ui::LoadFonts).
        bool inter = std::ifstream("/usr/share/fonts/opentype/inter/Inter-Regular.otf").good();
        CHECK((std::strstr(atlas->ConfigData[0].Name, "Inter") != nullptr) == inter);
        CHECK(d.App().UiFonts.Body == atlas->Fonts[0]);
        // One workspace, created at the first start, and opened.
        auto spaces = storage_memory::Workspaces();
        REQUIRE(spaces.size() == 1);
        CHECK(d.App().Doc.Data.Id == spaces[0].Id);
        CHECK(platform_null::Settings()["workspace"] == spaces[0].Id);
        for (const char* key : {"nav.customers", "nav.analysis", "nav.persona", "nav.course", "nav.settings", "nav.home"}) {
            d.Tap(key);
            const item_registry::Item* nav = d.Find(key);
            REQUIRE(nav);
            CHECK(d.Items().size() > 7);  // the screen drew something besides the rail
        }
        CHECK(d.App().Current == Screen::Home);
    }
    SUBCASE("Italian from ?lang=it") {
        AppDriverOptions options;
        options.Language = "it";
        AppDriver d(options);
        CHECK(d.Require("nav.customers").Label == "Clienti");
    }
}
