import Testing

@testable import AssayKit

/// RFC 9535 queries: the RFC's own bookstore examples select what §1.5 and §2 say they select,
/// and malformed queries are refused with the character where they go wrong.
@Suite("JSONPath queries (RFC 9535)")
struct JSONPathQueryTests {
    static let store =
        """
        { "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 399 }
        } }
        """

    func select(_ query: String, in document: JSONValue? = nil) throws -> [JSONValue] {
        try JSONPathQuery(parsing: query).select(in: document ?? JSONParser.parseValue(Self.store))
    }

    func strings(_ query: String, in document: JSONValue? = nil) throws -> [String] {
        try select(query, in: document).map {
            if case .string(let text) = $0 { return text }
            return JSONWriter.compact($0)
        }
    }

    @Test func selectsTheRFCExamples() throws {
        #expect(
            try strings("$.store.book[*].author")
                == ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"])
        #expect(try strings("$..author").count == 4)
        #expect(try select("$.store.*").count == 2)
        #expect(try strings("$.store..price") == ["8.95", "12.99", "8.99", "22.99", "399"])
        #expect(try strings("$..book[2].author") == ["Herman Melville"])
        #expect(try strings("$..book[-1].title") == ["The Lord of the Rings"])
        #expect(try strings("$..book[0,1].title") == ["Sayings of the Century", "Sword of Honour"])
        #expect(try strings("$..book[:2].title") == ["Sayings of the Century", "Sword of Honour"])
        #expect(try strings("$..book[?@.isbn].title") == ["Moby Dick", "The Lord of the Rings"])
        #expect(try strings("$..book[?@.price<10].title") == ["Sayings of the Century", "Moby Dick"])
        #expect(try strings("$['store']['bicycle'][\"color\"]") == ["red"])
        #expect(try select("$..*").count == 27)
    }

    @Test func slicesFollowTheNormalizationRules() throws {
        let items = try JSONParser.parseValue(#"["a","b","c","d","e","f","g"]"#)
        #expect(try strings("$[1:3]", in: items) == ["b", "c"])
        #expect(try strings("$[5:]", in: items) == ["f", "g"])
        #expect(try strings("$[1:5:2]", in: items) == ["b", "d"])
        #expect(try strings("$[5:1:-2]", in: items) == ["f", "d"])
        #expect(try strings("$[::-1]", in: items) == ["g", "f", "e", "d", "c", "b", "a"])
        #expect(try strings("$[-2:]", in: items) == ["f", "g"])
        #expect(try strings("$[0:7:0]", in: items) == [])
        #expect(try strings("$[-100:100]", in: items).count == 7)
    }

    @Test func filtersCombineComparisonsFunctionsAndLogic() throws {
        #expect(
            try strings("$.store.book[?@.category == 'fiction' && @.price > 10].author")
                == ["Evelyn Waugh", "J. R. R. Tolkien"])
        #expect(try strings("$.store.book[?!@.isbn].title") == ["Sayings of the Century", "Sword of Honour"])
        #expect(try strings("$.store.book[?(@.price < 9 || @.price > 20)].price") == ["8.95", "8.99", "22.99"])
        #expect(try strings("$.store.book[?length(@.title) > 15].title").count == 2)
        #expect(try strings("$.store.book[?match(@.author, 'H.*')].author") == ["Herman Melville"])
        #expect(try strings("$.store.book[?search(@.title, 'of')].title").count == 3)
        #expect(try strings("$.store[?count(@.*) == 2].color") == ["red"])
        #expect(try strings("$.store.book[?@.price == $.store.book[0].price].author") == ["Nigel Rees"])
        // A missing member compares equal only to another missing one; `<` needs two numbers or two strings.
        #expect(
            try strings("$.store.book[?@.isbn == @.missing].title") == ["Sayings of the Century", "Sword of Honour"])
        #expect(try select("$.store.book[?@.missing == @.other]").count == 4)
        #expect(try select("$.store.book[?@.title < 5]").isEmpty)
        #expect(try strings("$.store.book[?@.price == 8.950].author") == ["Nigel Rees"])
    }

    @Test func singularQueriesAreKnown() throws {
        #expect(try JSONPathQuery(parsing: "$.a['b'][0]").isSingular)
        #expect(try !JSONPathQuery(parsing: "$.a[*]").isSingular)
        #expect(try !JSONPathQuery(parsing: "$..a").isSingular)
        #expect(try !JSONPathQuery(parsing: "$.a[0,1]").isSingular)
    }

    /// Each malformed query: the message and the (0-based) character it points at.
    @Test(arguments: [
        ("store", 0, "start with `$`"),
        ("$.", 2, "member name or `*`"),
        ("$.store.book[", 13, "selector"),
        ("$.a[1", 5, "`,` or `]`"),
        ("$.a[01]", 4, "leading zeros"),
        ("$.a[-0]", 4, "-0"),
        ("$['a]", 5, "closing '"),
        ("$['\\q']", 3, "valid escape"),
        ("$.a[?@.b = 1]", 9, "`,` or `]`"),
        ("$.a[?@.b == ]", 12, "a query"),
        ("$.a[?@.* == 1]", 5, "singular query"),
        ("$.a[?1]", 6, "comparison operator"),
        ("$.a[?foo(@)]", 5, "unknown function"),
        ("$.a[?length(@.b)]", 16, "comparison after a function"),
        ("$.a[?match(@.b)]", 5, "takes 2 arguments"),
        ("$.a[?count(1) > 0]", 11, "takes a query"),
        ("$.a[?match(@.b, 'x') == true]", 5, "cannot be compared"),
        ("$.a b", 3, "to continue the query"),
        ("$[9007199254740992]", 2, "between"),
    ])
    func malformedQueriesSayWhere(query: String, offset: Int, message: String) {
        #expect(throws: JSONPathSyntaxError.self) { try JSONPathQuery(parsing: query) }
        do {
            _ = try JSONPathQuery(parsing: query)
        } catch {
            #expect(error.offset == offset, "\(query): \(error)")
            #expect(error.message.contains(message), "\(query): \(error)")
        }
    }

    /// Parentheses nested past the limit are refused, not recursed into without bound.
    @Test func deepNestingIsRefused() {
        let query = "$[?" + String(repeating: "(", count: 10_000) + "@" + String(repeating: ")", count: 10_000) + "]"
        do {
            _ = try JSONPathQuery(parsing: query)
            Issue.record("accepted a query nested 10000 deep")
        } catch {
            #expect(error.message.contains("nests deeper than 64"))
        }
    }
}
