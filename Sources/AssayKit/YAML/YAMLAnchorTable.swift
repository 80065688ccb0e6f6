/// The anchors of a document and the bound on what aliases may add: an alias is a copy of its
/// anchor's node (cheap, the arrays are shared), but whatever reads the tree visits every copy, so
/// the number of nodes aliases add is counted and capped.
struct YAMLAnchorTable {
    let maxAliasNodes: Int
    /// Nodes made so far, aliases' copies included.
    var nodeCount = 0
    /// Nodes added through aliases so far.
    private(set) var aliasNodes = 0
    private var anchors: [String: (node: JSONNode, nodes: Int)] = [:]

    init(maxAliasNodes: Int) { self.maxAliasNodes = maxAliasNodes }

    /// Defines (or redefines, as YAML allows) `name` as `node`, which counts `nodes` nodes.
    mutating func define(_ name: String, _ node: JSONNode, nodes: Int) {
        anchors[name] = (node, max(nodes, 1))
    }

    /// The node `*name` stands for.
    mutating func resolve(_ name: String, at location: SourceLocation) throws(Diagnostic) -> JSONNode {
        guard let anchor = anchors[name] else {
            throw Diagnostic(
                "unknown alias `*\(name)`", at: location, hint: "an anchor `&\(name)` must come before its aliases")
        }
        aliasNodes += anchor.nodes
        nodeCount += anchor.nodes
        if aliasNodes > maxAliasNodes {
            throw Diagnostic(
                "aliases expand to more than \(maxAliasNodes) nodes", at: location,
                hint: "this looks like an alias bomb; an API description does not need this")
        }
        return anchor.node
    }
}
