import Foundation
import Testing

@testable import AssayKit

/// Secrets given to a run reach no artifact.
@Suite struct ReportSecretTests {
    /// Every artifact of a run whose requests and responses carried the secret holds only its mask.
    @Test func secretInNoArtifact() {
        let artifacts = ReportFixtures.artifacts(ReportFixtures.run(), context: ReportContext(scoreLabel: "OpenAI"))
        #expect(artifacts.count == ReportFormat.allCases.count + 3)
        for (name, text) in artifacts {
            #expect(!text.contains(ReportFixtures.secret), "\(name) leaks the secret")
        }
        // The secret was there and masked, not merely absent: the exchange text shows the mask.
        for name in ["junit", "json", "html"] {
            #expect(artifacts[name]?.contains("Bearer ***") == true, "\(name)")
        }
        #expect(artifacts["markdown"]?.contains("***") == true)
    }
}
