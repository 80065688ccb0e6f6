import AssayTargetKit

print("assay-target \(TargetVersion.current)")
