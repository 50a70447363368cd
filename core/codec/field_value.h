// One field's value handed to a writer, whatever the format. The card's JSON (customer_json.cpp)
// and its stored MessagePack record (customer_record_writer.cpp) walk the same field table and differ only
// in how a text, a list of texts, a flag, a number or an integer is written: the sink. Objects,
// arrays and the schema stay with each writer (their shapes differ: a record writes histories as
// tables, its keys sorted).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "codec/customer_fields.h"
#include "model/date.h"

namespace profila {

// Writes the value of a scalar field of owner into sink (Text(std::string_view), TextList(const
// std::vector<std::string>&), Flag(bool), Number(double), Integer(int64_t)); false, writing
// nothing, for an object, an array or the schema.
template <class Sink>
bool WriteScalar(const CardField& f, const void* owner, Sink& sink) {
    const void* at = f.View ? f.View(owner) : nullptr;
    switch (f.Kind) {
    case FieldKind::Text: sink.Text(*static_cast<const std::string*>(at)); return true;
    case FieldKind::Shared: sink.Text(static_cast<const SharedText*>(at)->str()); return true;
    case FieldKind::Id: sink.Text(static_cast<const CompactId*>(at)->text()); return true;
    case FieldKind::TextList: sink.TextList(*static_cast<const std::vector<std::string>*>(at)); return true;
    case FieldKind::Flag: sink.Flag(*static_cast<const bool*>(at)); return true;
    case FieldKind::Date: sink.Text(FormatIsoDate(*static_cast<const Date*>(at))); return true;
    case FieldKind::OptDate: sink.Text(FormatIsoDate(**static_cast<const std::optional<Date>*>(at))); return true;
    case FieldKind::Number: sink.Number(*static_cast<const double*>(at)); return true;
    case FieldKind::OptNumber: sink.Number(**static_cast<const OptionalAmount*>(at)); return true;
    case FieldKind::Int: sink.Integer(*static_cast<const int*>(at)); return true;
    case FieldKind::OptInt: sink.Integer(**static_cast<const std::optional<int>*>(at)); return true;
    case FieldKind::Int64: sink.Integer(*static_cast<const int64_t*>(at)); return true;
    case FieldKind::Enum: sink.Text(f.Names[f.GetEnum(owner)]); return true;
    case FieldKind::Object:
    case FieldKind::Array:
    case FieldKind::Schema: return false;
    }
    return false;
}

}  // namespace profila
