struct OpenAPICheckCommand { init(arguments: [String]) throws {}; func execute() throws -> Int32 { 2 } }
struct OpenAPIScaffoldCommand { init(arguments: [String]) throws {}; func execute() throws -> Int32 { 2 } }
