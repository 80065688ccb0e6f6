/// The reference target's version, reported in `/openapi.json` as `info.x-service-version`.
public enum TargetVersion {
    public static let current = "0.1.0"
}
