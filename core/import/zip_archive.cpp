// [SECTION] memory file functions for minizip
// [SECTION] reader
// [SECTION] writer
#include "import/zip_archive.h"

#include <algorithm>
#include <cstring>

#include "unzip.h"
#include "zip.h"

namespace profila {

// [SECTION] memory file functions for minizip ---------------------------------------------------
namespace {
struct ReadBuffer { std::string_view Bytes; uint64_t Pos = 0; };

voidpf ZCALLBACK MemOpen(voidpf opaque, const void*, int) { return opaque; }
uLong ZCALLBACK MemRead(voidpf, voidpf stream, void* buf, uLong size) {
    auto* b = static_cast<ReadBuffer*>(stream);
    uint64_t left = b->Pos < b->Bytes.size() ? b->Bytes.size() - b->Pos : 0;
    uLong n = static_cast<uLong>(std::min<uint64_t>(size, left));
    if (n) std::memcpy(buf, b->Bytes.data() + b->Pos, n);
    b->Pos += n;
    return n;
}
ZPOS64_T ZCALLBACK MemTell(voidpf, voidpf stream) { return static_cast<ReadBuffer*>(stream)->Pos; }
long ZCALLBACK MemSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* b = static_cast<ReadBuffer*>(stream);
    uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? b->Pos : b->Bytes.size();
    uint64_t to = base + offset;
    if (to > b->Bytes.size()) return -1;
    b->Pos = to;
    return 0;
}
int ZCALLBACK MemClose(voidpf, voidpf) { return 0; }
int ZCALLBACK MemError(voidpf, voidpf) { return 0; }

using WriteBuffer = ZipWriter::Buffer;
uLong ZCALLBACK MemWrite(voidpf, voidpf stream, const void* buf, uLong size) {
    auto* b = static_cast<WriteBuffer*>(stream);
    if (b->Pos + size > b->Bytes.size()) b->Bytes.resize(b->Pos + size);
    std::memcpy(&b->Bytes[b->Pos], buf, size);
    b->Pos += size;
    return size;
}
ZPOS64_T ZCALLBACK MemWriteTell(voidpf, voidpf stream) { return static_cast<WriteBuffer*>(stream)->Pos; }
long ZCALLBACK MemWriteSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
    auto* b = static_cast<WriteBuffer*>(stream);
    uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? b->Pos : b->Bytes.size();
    b->Pos = base + offset;
    return 0;
}
uLong ZCALLBACK MemWriteRead(voidpf, voidpf stream, void* buf, uLong size) {
    auto* b = static_cast<WriteBuffer*>(stream);
    uint64_t left = b->Pos < b->Bytes.size() ? b->Bytes.size() - b->Pos : 0;
    uLong n = static_cast<uLong>(std::min<uint64_t>(size, left));
    if (n) std::memcpy(buf, b->Bytes.data() + b->Pos, n);
    b->Pos += n;
    return n;
}
}  // namespace

bool LooksLikeZip(std::string_view b) {
    return b.size() >= 4 && b[0] == 'P' && b[1] == 'K' && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));
}

// [SECTION] reader ------------------------------------------------------------------------------
ZipReader::~ZipReader() {
    if (Handle) unzClose(static_cast<unzFile>(Handle));
}

bool ZipReader::Open(std::string_view bytes) {
    static_assert(sizeof(Buffer) == sizeof(ReadBuffer), "same layout");
    Source.Bytes = bytes;
    Source.Pos = 0;
    zlib_filefunc64_def io{};
    io.zopen64_file = MemOpen;
    io.zread_file = MemRead;
    io.ztell64_file = MemTell;
    io.zseek64_file = MemSeek;
    io.zclose_file = MemClose;
    io.zerror_file = MemError;
    io.opaque = &Source;
    Handle = unzOpen2_64("", &io);
    if (!Handle) {
        LastError = "not a zip archive, or its directory is damaged";
        return false;
    }
    unzFile z = static_cast<unzFile>(Handle);
    int rc = unzGoToFirstFile(z);
    while (rc == UNZ_OK) {
        unz_file_info64 info{};
        char name[1024];
        if (unzGetCurrentFileInfo64(z, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) {
            LastError = "damaged zip directory entry " + std::to_string(MembersList.size() + 1);
            return false;
        }
        ZipMember m;
        m.Name.assign(name, strnlen(name, sizeof name));
        std::replace(m.Name.begin(), m.Name.end(), '\\', '/');
        m.Size = info.uncompressed_size;
        m.IsFolder = !m.Name.empty() && m.Name.back() == '/';
        MembersList.push_back(std::move(m));
        if (MembersList.size() > 100000) { LastError = "too many members"; return false; }
        rc = unzGoToNextFile(z);
    }
    if (rc != UNZ_END_OF_LIST_OF_FILE) {
        LastError = "damaged zip directory after " + std::to_string(MembersList.size()) + " members";
        return false;
    }
    return true;
}

const ZipMember* ZipReader::Find(std::string_view name) const {
    for (const ZipMember& m : MembersList)
        if (m.Name == name) return &m;
    return nullptr;
}

std::optional<std::string> ZipReader::Read(std::string_view name, uint64_t max_bytes) {
    unzFile z = static_cast<unzFile>(Handle);
    std::string n(name);
    if (!z || unzLocateFile(z, n.c_str(), 1) != UNZ_OK) {
        LastError = "member " + n + " is missing";
        return std::nullopt;
    }
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(z, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK || unzOpenCurrentFile(z) != UNZ_OK) {
        LastError = "member " + n + " cannot be opened (unknown compression or damaged header)";
        return std::nullopt;
    }
    std::string out;
    out.reserve(static_cast<size_t>(std::min<uint64_t>(info.uncompressed_size, std::min<uint64_t>(max_bytes, 64u << 20))));
    char buf[65536];
    for (;;) {
        int got = unzReadCurrentFile(z, buf, sizeof buf);
        if (got < 0) {
            unzCloseCurrentFile(z);
            LastError = "member " + n + " is damaged or truncated (inflate error " + std::to_string(got) + ")";
            return std::nullopt;
        }
        if (got == 0) break;
        if (out.size() + static_cast<size_t>(got) > max_bytes) {
            unzCloseCurrentFile(z);
            LastError = "member " + n + " is larger than " + std::to_string(max_bytes >> 20) + " MB unpacked";
            return std::nullopt;
        }
        out.append(buf, static_cast<size_t>(got));
    }
    // unzCloseCurrentFile checks the CRC once the member was read to its end.
    if (unzCloseCurrentFile(z) != UNZ_OK) {
        LastError = "member " + n + " is damaged (CRC mismatch)";
        return std::nullopt;
    }
    return out;
}

// [SECTION] writer ------------------------------------------------------------------------------
ZipWriter::ZipWriter() {
    zlib_filefunc64_def io{};
    io.zopen64_file = MemOpen;
    io.zread_file = MemWriteRead;
    io.zwrite_file = MemWrite;
    io.ztell64_file = MemWriteTell;
    io.zseek64_file = MemWriteSeek;
    io.zclose_file = MemClose;
    io.zerror_file = MemError;
    io.opaque = &Out;
    Handle = zipOpen2_64("", APPEND_STATUS_CREATE, nullptr, &io);
    Failed = Handle == nullptr;
}

ZipWriter::~ZipWriter() {
    if (Handle) zipClose(static_cast<zipFile>(Handle), nullptr);
}

bool ZipWriter::Add(std::string_view name, std::string_view bytes, bool stored) {
    if (Failed) return false;
    zipFile z = static_cast<zipFile>(Handle);
    zip_fileinfo info{};
    // A fixed date (1980-01-01): the same content gives the same bytes.
    info.tmz_date.tm_year = 1980;
    info.tmz_date.tm_mday = 1;
    std::string n(name);
    if (zipOpenNewFileInZip64(z, n.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, stored ? 0 : Z_DEFLATED,
                              stored ? 0 : Z_DEFAULT_COMPRESSION, bytes.size() >= 0xffffffffu) != ZIP_OK ||
        zipWriteInFileInZip(z, bytes.data(), static_cast<unsigned>(bytes.size())) != ZIP_OK ||
        zipCloseFileInZip(z) != ZIP_OK)
        Failed = true;
    return !Failed;
}

std::string ZipWriter::Finish() {
    if (!Handle) return {};
    int rc = zipClose(static_cast<zipFile>(Handle), nullptr);
    Handle = nullptr;
    if (rc != ZIP_OK || Failed) return {};
    Out.Bytes.resize(Out.Pos);
    return std::move(Out.Bytes);
}

}  // namespace profila
