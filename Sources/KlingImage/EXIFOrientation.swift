/// Reads the orientation tag (0x0112) from IFD0 of an EXIF (TIFF-structured) block.
///
/// `readTIFF(offset, count)` returns bytes of the TIFF block (offset 0 = the `II`/`MM` byte
/// order mark), so only the header and IFD0's entries are read, not the whole block.
/// Returns `nil` when the block is not parseable; never throws.
func readEXIFOrientation(blockLength: Int, readTIFF: (Int, Int) -> [UInt8]) -> Int? {
    let header = readTIFF(0, 8)
    guard header.count == 8 else { return nil }
    let littleEndian: Bool
    switch (header[0], header[1]) {
    case (0x49, 0x49): littleEndian = true
    case (0x4D, 0x4D): littleEndian = false
    default: return nil
    }
    func u16(_ bytes: [UInt8], _ index: Int) -> Int {
        littleEndian
            ? Int(bytes[index]) | Int(bytes[index + 1]) << 8
            : Int(bytes[index]) << 8 | Int(bytes[index + 1])
    }
    func u32(_ bytes: [UInt8], _ index: Int) -> Int {
        littleEndian
            ? u16(bytes, index) | u16(bytes, index + 2) << 16
            : u16(bytes, index) << 16 | u16(bytes, index + 2)
    }
    guard u16(header, 2) == 42 else { return nil }
    let ifdOffset = u32(header, 4)
    guard ifdOffset >= 8, ifdOffset + 2 <= blockLength else { return nil }
    let countBytes = readTIFF(ifdOffset, 2)
    guard countBytes.count == 2 else { return nil }
    let entryCount = min(u16(countBytes, 0), 512)
    let entries = readTIFF(ifdOffset + 2, entryCount * 12)
    let available = entries.count / 12
    for index in 0..<available {
        let base = index * 12
        guard u16(entries, base) == 0x0112 else { continue }
        let type = u16(entries, base + 2)
        // SHORT (3) as documented; tolerate LONG (4) as some writers use it.
        if type == 3 { return u16(entries, base + 8) }
        if type == 4 { return u32(entries, base + 8) }
        return nil
    }
    return nil
}
