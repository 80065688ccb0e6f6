import AssayKit
import Foundation

/// Small OpenAPI descriptions written to a temporary folder, for the diff, check and validator tests.
struct OpenAPITestSpecs {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("assay-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` as `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func spec(_ name: String, _ text: String) throws -> OpenAPISpec {
        try OpenAPISpec(path: write(name, text))
    }

    /// A small pet store touching every rule the diff knows; variants edit one line of it.
    static let petStore = """
        openapi: 3.0.3
        info:
          title: Pets
          version: 1.0.0
          x-service-version: 2024-01-01
        servers:
          - url: https://pets.test/v1
        security:
          - bearer: []
        paths:
          /pets:
            get:
              parameters:
                - name: limit
                  in: query
                  schema:
                    type: integer
              responses:
                '200':
                  description: ok
                  headers:
                    X-Trace-Id:
                      $ref: '#/components/headers/TraceId'
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/Pet'
                default:
                  $ref: '#/components/responses/Error'
            post:
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/NewPet'
              responses:
                '201':
                  description: created
                default:
                  $ref: '#/components/responses/Error'
          /pets/{petId}:
            get:
              parameters:
                - name: petId
                  in: path
                  required: true
                  schema:
                    type: string
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Pet'
                default:
                  $ref: '#/components/responses/Error'
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
            apiKey:
              type: apiKey
              in: header
              name: X-Api-Key
          headers:
            TraceId:
              required: true
              schema: {type: string}
            IdempotencyKey:
              schema:
                type: string
          responses:
            Error:
              description: error
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
          schemas:
            Pet:
              type: object
              required: [id, name]
              properties:
                id:
                  type: string
                  format: uuid
                name:
                  type: string
                tag:
                  type: string
                  nullable: true
                children:
                  type: array
                  items:
                    $ref: '#/components/schemas/Pet'
            NewPet:
              type: object
              required: [name]
              properties:
                name:
                  type: string
                kind:
                  type: string
                  enum: [cat, dog]
                weight:
                  type: number
            Error:
              type: object
              required: [error]
              properties:
                error:
                  type: object
                  required: [message]
                  properties:
                    message:
                      type: string
        """
}
