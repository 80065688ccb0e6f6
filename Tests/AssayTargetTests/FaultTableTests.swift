import AssayTargetKit
import Testing

@Suite struct FaultTableTests {
    /// Proves the fault table has exactly one row per fault, so `area` and `summary` are defined for all.
    @Test func oneRowPerFault() {
        let rows = Fault.table.map(\.fault)
        #expect(rows.count == Fault.allCases.count)
        #expect(Set(rows) == Set(Fault.allCases))
        for entry in Fault.table {
            #expect(!entry.summary.isEmpty && entry.summary.hasSuffix("."), "\(entry.fault.rawValue)")
        }
    }
}
