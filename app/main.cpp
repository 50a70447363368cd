// Profila: platform, AppState, loop.
#include <cstdio>

#include "app.h"
#include "platform/platform.h"

int main() {
    static AppState state;  // lives for the whole page
    if (!platform::Init()) {
        std::fprintf(stderr, "Profila: could not create a WebGL2 context\n");
        return 1;
    }
    InitApp(state);
    platform::FrameCallbacks callbacks;
    callbacks.User = &state;
    callbacks.Frame = [](void* user) { DrawApp(*static_cast<AppState*>(user)); };
    callbacks.ScaleChanged = [](void* user, float scale) { RebuildForScale(*static_cast<AppState*>(user), scale); };
    platform::RunLoop(callbacks);
}
