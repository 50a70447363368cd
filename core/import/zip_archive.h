// Zip archives in memory (workbooks are zips; invoices arrive as zips of many): reading members and
// writing a new archive, through zlib's minizip (fetched by web/scripts/fetch-libs.sh) over a memory
// buffer, so core needs no files. Errors are values naming the member.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace profila {

struct ZipMember {
    std::string Name;                    // path inside the archive, '/' separated
    uint64_t Size = 0;                   // uncompressed size as the directory says
    bool IsFolder = false;
};

class ZipReader {
public:
    // Opens the archive held in bytes (which must outlive the reader). False with Error() when the
    // bytes are not a zip or its central directory is damaged.
    [[nodiscard]] bool Open(std::string_view bytes);
    ~ZipReader();
    [[nodiscard]] const std::vector<ZipMember>& Members() const { return MembersList; }
    [[nodiscard]] const ZipMember* Find(std::string_view name) const;
    // The member's bytes, refused beyond max_bytes (a zip bomb) or on a bad CRC / truncated data.
    [[nodiscard]] std::optional<std::string> Read(std::string_view name, uint64_t max_bytes = 512ull << 20);
    [[nodiscard]] const std::string& Error() const { return LastError; }

private:
    struct Buffer { std::string_view Bytes; uint64_t Pos = 0; };
    Buffer Source;
    void* Handle = nullptr;
    std::vector<ZipMember> MembersList;
    std::string LastError;
};

// Writes a zip in memory, every member deflated (ECMA-376 and ODF packages are such zips).
class ZipWriter {
public:
    ZipWriter();
    ~ZipWriter();
    // stored = true keeps the member uncompressed (ODF's "mimetype" must be first and stored).
    bool Add(std::string_view name, std::string_view bytes, bool stored = false);
    // Closes the archive and hands over its bytes ("" after an error).
    [[nodiscard]] std::string Finish();

    struct Buffer { std::string Bytes; uint64_t Pos = 0; };
private:
    Buffer Out;
    void* Handle = nullptr;
    bool Failed = false;
};

// True when bytes start like a zip ("PK\3\4", or an empty archive's "PK\5\6").
[[nodiscard]] bool LooksLikeZip(std::string_view bytes);

}  // namespace profila
