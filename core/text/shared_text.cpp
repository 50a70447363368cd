#include "text/shared_text.h"

namespace profila {

SharedText::SharedText(std::string_view text) {
    if (text.empty()) return;
    Block_ = new Block;
    Block_->Text.assign(text.data(), text.size());
}

const std::string& SharedText::Empty() noexcept {
    static const std::string kEmpty;  // a constant: the text of every empty SharedText
    return kEmpty;
}

SharedText TextPool::Intern(std::string_view text) {
    if (text.empty()) return {};
    if (auto it = Texts_.find(text); it != Texts_.end()) return it->second;
    SharedText made(text);
    Texts_.emplace(std::string_view(made.str()), made);
    return made;
}

}  // namespace profila
