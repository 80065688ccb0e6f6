import AssayKit

print("assay: not yet wired")
