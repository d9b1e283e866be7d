@_spi(Fuzzing) import KlingSubmit
import FuzzSupport

/// The service-answer decoder: ``AnswerDecoding/decode(fuzzInput:)`` (the client's
/// `ResponseReader` alone, no networking) as a task, a task list and a lookup answer. The
/// input's first two bytes pick the HTTP status (100–599); the rest is the body. Property: the
/// secret redacted from the body reaches no success summary or error text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let readings = AnswerDecoding.decode(fuzzInput: FuzzDriver.bytes(data, size)) else { return 0 }
    for reading in [readings.task, readings.list, readings.lookup] {
        let text =
            switch reading {
            case .success(let summary): summary
            case .failure(let error): "\(error)"
            }
        FuzzDriver.require(!text.contains(AnswerDecoding.fuzzSecret), "the secret reached the text: \(text)")
    }
    return 0
}

@main enum FuzzAnswerMain {
    static func main() { FuzzDriver.run(fuzzAnswer) }
}
