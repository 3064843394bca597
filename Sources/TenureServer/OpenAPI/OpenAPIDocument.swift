/// Tenure's OpenAPI 3.1 contract: every `/api/v1` and `/v1` route, the Stripe
/// webhook, `/healthz` and `/readyz`, with parameters, bodies, responses, the
/// error envelope, examples and security schemes.
///
/// Edit the JSON here; `OpenAPIContractTests` checks that it validates and that
/// it lists exactly the routes the router serves. It lives in a Swift string so
/// the one `tenure` binary carries it: a resource bundle would have to ship beside
/// the binary, and SwiftPM's `embedInCode` compiles a document this size for a minute.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Tenure API",
    "version": "1",
    "summary": "Tenure's JSON API, Segment-compatible tracking API and Stripe webhook.",
    "description": "The contract of every machine-facing route Tenure serves. It is public: `GET /api/v1/openapi.json` needs no key.\n\nJSON uses snake_case keys (the tracking API keeps Segment's camelCase), instants are ISO 8601 UTC with milliseconds, money is integer minor units with an ISO 4217 currency. Every error is one envelope, `{\"error\":{\"code\",\"message\",\"field\"}}`; the tracking routes also put `code` and `message` at the top level. Unknown query parameters are 400s naming the parameter; an empty one (`?limit=`) counts as absent.\n\nRoles: `viewer` reads, `member` also writes accounts and reads failed Stripe events, `admin` also manages keys, configuration, definitions and recomputes (each operation's `x-tenure-role`); `writer` keys only send tracking calls.",
    "license": {
      "name": "Apache-2.0",
      "identifier": "Apache-2.0"
    }
  },
  "servers": [
    {
      "url": "/",
      "description": "The Tenure server itself."
    }
  ],
  "paths": {
    "/api/v1/accounts": {
      "get": {
        "summary": "List accounts",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "segment",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only accounts in this segment (key)."
          },
          {
            "name": "owner",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only accounts owned by this CSM id."
          },
          {
            "name": "stage",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "$ref": "#/components/schemas/LifecycleStage"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only accounts at this lifecycle stage."
          },
          {
            "name": "health",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "$ref": "#/components/schemas/HealthColour"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only accounts of this health colour."
          },
          {
            "name": "q",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Search in name, domain and ids."
          },
          {
            "name": "sort",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "name",
                "-name",
                "mrr",
                "-mrr",
                "created_at",
                "-created_at",
                "updated_at",
                "-updated_at",
                "employee_count",
                "-employee_count",
                "health_score",
                "-health_score",
                ""
              ]
            },
            "description": "Sort key; a leading `-` sorts descending."
          },
          {
            "$ref": "#/components/parameters/LimitForAccounts"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of accounts.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AccountPage"
                },
                "example": {
                  "data": [
                    {
                      "id": "acct_0000007",
                      "name": "Acme Labs GmbH",
                      "domain": "acme.example.com",
                      "stripe_customer_id": "cus_demo7",
                      "segment_group_id": "grp_7",
                      "industry": "Retail",
                      "employee_count": 200,
                      "owner_id": "csm_smb_1",
                      "lifecycle_stage": "onboarding",
                      "segment": "smb",
                      "currency": "USD",
                      "tags": [],
                      "traits": {
                        "signup_channel": "paid_search"
                      },
                      "created_at": "2026-04-23T09:05:41.000Z",
                      "updated_at": "2026-06-01T00:00:00.000Z",
                      "mrr": {
                        "amount": 76500,
                        "currency": "USD"
                      },
                      "arr": {
                        "amount": 918000,
                        "currency": "USD"
                      },
                      "health": {
                        "score": 61.08,
                        "colour": "yellow"
                      },
                      "engagement_model": "tech_touch"
                    }
                  ],
                  "total": 200,
                  "limit": 1,
                  "offset": 0,
                  "next_offset": 1
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "post": {
        "summary": "Create or update an account",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The account was updated.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Account"
                }
              }
            }
          },
          "201": {
            "description": "The account was created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Account"
                },
                "example": {
                  "id": "acct_0000007",
                  "name": "Acme Labs GmbH",
                  "domain": "acme.example.com",
                  "stripe_customer_id": "cus_demo7",
                  "segment_group_id": "grp_7",
                  "industry": "Retail",
                  "employee_count": 200,
                  "owner_id": "csm_smb_1",
                  "lifecycle_stage": "onboarding",
                  "segment": "smb",
                  "currency": "USD",
                  "tags": [],
                  "traits": {
                    "signup_channel": "paid_search"
                  },
                  "created_at": "2026-04-23T09:05:41.000Z",
                  "updated_at": "2026-06-01T00:00:00.000Z",
                  "mrr": {
                    "amount": 76500,
                    "currency": "USD"
                  },
                  "arr": {
                    "amount": 918000,
                    "currency": "USD"
                  },
                  "health": {
                    "score": 61.08,
                    "colour": "yellow"
                  },
                  "engagement_model": "tech_touch"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Creates the account, or updates the one whose `id`, `stripe_customer_id` or `segment_group_id` matches; only the fields sent change. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AccountDraft"
              },
              "example": {
                "name": "Acme Corp",
                "stripe_customer_id": "cus_acme",
                "industry": "Software",
                "tags": [
                  "pilot"
                ]
              }
            }
          }
        }
      }
    },
    "/api/v1/accounts/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The account's id (percent-encode `/`, `%` and spaces)."
        }
      ],
      "get": {
        "summary": "Show an account with its subscriptions",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The account, its subscriptions and the MRR each contributes now.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AccountDetail"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "put": {
        "summary": "Create or update the account with this id",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The account was updated.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Account"
                }
              }
            }
          },
          "201": {
            "description": "The account was created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Account"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "The same upsert as `POST /api/v1/accounts`, keyed by the path's id; a body `id` that differs from it is a 422. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AccountDraft"
              },
              "example": {
                "name": "Acme Corp",
                "lifecycle_stage": "adoption"
              }
            }
          }
        }
      }
    },
    "/api/v1/keys": {
      "get": {
        "summary": "List API keys",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Every key, never its secret.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/APIKey"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                },
                "example": {
                  "data": [
                    {
                      "id": "5BJCSLbRQj1A",
                      "name": "ops laptop",
                      "role": "admin",
                      "created_at": "2026-06-01T00:00:00.000Z"
                    }
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      },
      "post": {
        "summary": "Create an API key",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "201": {
            "description": "The key, with its token shown this once.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/APIKey"
                },
                "example": {
                  "id": "5BJCSLbRQj1A",
                  "name": "ops laptop",
                  "role": "admin",
                  "created_at": "2026-06-01T00:00:00.000Z",
                  "token": "tnr_5BJCSLbRQj1A_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NewAPIKey"
              },
              "example": {
                "name": "ops laptop",
                "role": "member"
              }
            }
          }
        }
      }
    },
    "/api/v1/keys/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The key's id (the part after `tnr_`)."
        }
      ],
      "delete": {
        "summary": "Revoke an API key",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "204": {
            "description": "Revoked."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "A key cannot revoke itself (409). Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/stripe/events": {
      "get": {
        "summary": "List Stripe events that could not become facts",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "status",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "failed"
              ]
            },
            "description": "Which events; only `failed` is supported.",
            "required": true
          },
          {
            "$ref": "#/components/parameters/LimitForEvents"
          }
        ],
        "responses": {
          "200": {
            "description": "Failed events, oldest first.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/StripeEvent"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `member` role or above."
      }
    },
    "/api/v1/me": {
      "get": {
        "summary": "Who the key is",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The calling key.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Me"
                },
                "example": {
                  "key_id": "5BJCSLbRQj1A",
                  "key_name": "ops laptop",
                  "role": "admin"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/csms": {
      "get": {
        "summary": "List CSMs",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Customer success managers.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/CSM"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/csms/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The CSM's id, as accounts name it in `owner_id` (percent-encode `/`, `%` and spaces)."
        }
      ],
      "put": {
        "summary": "Add a CSM or replace the one with this id",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The CSM as stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CSM"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "A CSM owns accounts (their `owner_id`), receives tasks and the daily digest, and takes the escalations of the CSMs who name them as `manager_id`. The manager must be another CSM, and managers may not form a loop (422 naming `manager_id`). A dashboard user whose email is a CSM's sees that CSM's work. Needs a key with the `admin` role.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CSMDraft"
              },
              "example": {
                "name": "Ana Ruiz",
                "email": "ana@example.com",
                "manager_id": "csm_lee"
              }
            }
          }
        }
      }
    },
    "/api/v1/plans": {
      "get": {
        "summary": "List the plan catalog",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Every price with its product's name.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Plan"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/metrics/revenue": {
      "get": {
        "summary": "Revenue metrics per period",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/From"
          },
          {
            "$ref": "#/components/parameters/To"
          },
          {
            "$ref": "#/components/parameters/Interval"
          },
          {
            "$ref": "#/components/parameters/SegmentForRevenue"
          },
          {
            "$ref": "#/components/parameters/Plan"
          },
          {
            "$ref": "#/components/parameters/Industry"
          },
          {
            "$ref": "#/components/parameters/Csm"
          },
          {
            "$ref": "#/components/parameters/By"
          }
        ],
        "responses": {
          "200": {
            "description": "MRR movements, ARR, churn and retention per period.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RevenueReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "A range that is out of order, names a day that does not exist or spans more than 120 months (1,000 days) is a 422 naming `from` or `to`. Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/metrics/explain": {
      "get": {
        "summary": "Explain a revenue figure",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/From"
          },
          {
            "$ref": "#/components/parameters/To"
          },
          {
            "$ref": "#/components/parameters/Interval"
          },
          {
            "$ref": "#/components/parameters/SegmentForRevenue"
          },
          {
            "$ref": "#/components/parameters/Plan"
          },
          {
            "$ref": "#/components/parameters/Industry"
          },
          {
            "$ref": "#/components/parameters/Csm"
          },
          {
            "name": "metric",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/RevenueMetric"
            },
            "description": "The figure to explain.",
            "required": true
          },
          {
            "name": "period",
            "in": "query",
            "schema": {
              "type": "string",
              "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$",
              "examples": [
                "2026-05",
                "2026-05-14"
              ]
            },
            "description": "A month like `2026-05` or a day like `2026-05-14`.",
            "required": true
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 10000,
                  "default": 100
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Page size (1–10000)."
          }
        ],
        "responses": {
          "200": {
            "description": "The accounts and movements behind the figure.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/MetricExplanation"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "A range that is out of order, names a day that does not exist or spans more than 120 months (1,000 days) is a 422 naming `from` or `to`. Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/metrics/cohorts": {
      "get": {
        "summary": "Logo and revenue cohorts",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/From"
          },
          {
            "$ref": "#/components/parameters/To"
          },
          {
            "name": "interval",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "month",
                ""
              ]
            },
            "description": "Cohorts are monthly."
          },
          {
            "$ref": "#/components/parameters/SegmentForRevenue"
          },
          {
            "$ref": "#/components/parameters/Plan"
          },
          {
            "$ref": "#/components/parameters/Industry"
          },
          {
            "$ref": "#/components/parameters/Csm"
          }
        ],
        "responses": {
          "200": {
            "description": "Retention per first-paid month.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CohortReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "A range that is out of order, names a day that does not exist or spans more than 120 months (1,000 days) is a 422 naming `from` or `to`. Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/metrics/customer-success": {
      "get": {
        "summary": "Customer success figures",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/From"
          },
          {
            "$ref": "#/components/parameters/To"
          },
          {
            "$ref": "#/components/parameters/Interval"
          },
          {
            "$ref": "#/components/parameters/SegmentForRevenue"
          },
          {
            "$ref": "#/components/parameters/Plan"
          },
          {
            "$ref": "#/components/parameters/Industry"
          },
          {
            "$ref": "#/components/parameters/Csm"
          },
          {
            "$ref": "#/components/parameters/By"
          }
        ],
        "responses": {
          "200": {
            "description": "NPS, CSAT, CES, adoption, time to first value, tickets.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CustomerSuccessReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "A range that is out of order, names a day that does not exist or spans more than 120 months (1,000 days) is a 422 naming `from` or `to`. Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/metrics/books": {
      "get": {
        "summary": "Each CSM's book of business",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Per CSM: accounts, MRR, trailing retention, health.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/CSMBook"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/config/metrics": {
      "get": {
        "summary": "The metrics policy",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "How metrics are counted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/MetricsPolicy"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "put": {
        "summary": "Change the metrics policy",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The new policy; every account's MRR was recomputed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/MetricsPolicy"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/MetricsPolicy"
              }
            }
          }
        }
      }
    },
    "/api/v1/config/product": {
      "get": {
        "summary": "The product configuration",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Engagement event, core features, first-value milestone.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ProductConfiguration"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "put": {
        "summary": "Change the product configuration",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The new configuration.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ProductConfiguration"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ProductConfiguration"
              },
              "example": {
                "engagement_event": "login",
                "core_features": [
                  "report_created"
                ],
                "first_value": {
                  "event": "report_created",
                  "count": 5
                }
              }
            }
          }
        }
      }
    },
    "/api/v1/health": {
      "get": {
        "summary": "Accounts by health score",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "colour",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "$ref": "#/components/schemas/HealthColour"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only this colour."
          },
          {
            "$ref": "#/components/parameters/SegmentForHealth"
          },
          {
            "$ref": "#/components/parameters/Owner"
          },
          {
            "name": "sort",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "score",
                "-score",
                "mrr",
                "-mrr",
                ""
              ],
              "default": "score"
            },
            "description": "Sort order."
          },
          {
            "$ref": "#/components/parameters/LimitForAccounts"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of accounts with the distribution and the definition's validation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HealthList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/health/accounts/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The account's id (percent-encode `/`, `%` and spaces)."
        }
      ],
      "get": {
        "summary": "One account's health",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "days",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 3650,
                  "default": 180
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Days of history."
          }
        ],
        "responses": {
          "200": {
            "description": "The latest breakdown, history and segment history.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AccountHealth"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/health/alerts": {
      "get": {
        "summary": "Health score drops",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "since",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "string",
                  "format": "date",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                },
                {
                  "type": "string",
                  "format": "date-time",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "A date (`2026-05-01`) or ISO 8601 instant from 1970 on; default 30 days ago."
          },
          {
            "$ref": "#/components/parameters/LimitForEvents"
          }
        ],
        "responses": {
          "200": {
            "description": "Alerts, newest first.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/HealthAlert"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/health/recompute": {
      "post": {
        "summary": "Recompute health now",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "What the recompute did.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RecomputeSummary"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/health/backtest": {
      "get": {
        "summary": "The latest backtest of a definition",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Version"
          }
        ],
        "responses": {
          "200": {
            "description": "The stored backtest.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Backtest"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "post": {
        "summary": "Backtest a definition",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Version"
          },
          {
            "name": "months",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 60,
                  "default": 12
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Monthly cut-offs to test."
          },
          {
            "$ref": "#/components/parameters/HorizonDays"
          }
        ],
        "responses": {
          "200": {
            "description": "The backtest, also stored.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Backtest"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/health/calibrate": {
      "post": {
        "summary": "Propose weights from history",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "months",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 3,
                  "maximum": 60,
                  "default": 12
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Monthly cut-offs to fit on."
          },
          {
            "$ref": "#/components/parameters/HorizonDays"
          },
          {
            "$ref": "#/components/parameters/C"
          }
        ],
        "responses": {
          "200": {
            "description": "The calibration and the inactive version it was stored as.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Calibration"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/health/definitions": {
      "get": {
        "summary": "List health definition versions",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Every version.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Definition"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "post": {
        "summary": "Add a health definition version",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Activate"
          },
          {
            "$ref": "#/components/parameters/Note"
          }
        ],
        "responses": {
          "201": {
            "description": "The stored version.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Definition"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "description": "The definition document, checked before it is stored (see docs/health.md).",
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "application/json": {
              "schema": {
                "type": "object"
              }
            }
          }
        }
      }
    },
    "/api/v1/health/definitions/{version}": {
      "parameters": [
        {
          "name": "version",
          "in": "path",
          "required": true,
          "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": 2147483647
          },
          "description": "Definition version (1, 2, …)."
        }
      ],
      "get": {
        "summary": "Show a health definition version",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The version with its source.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Definition"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/health/definitions/{version}/activate": {
      "parameters": [
        {
          "name": "version",
          "in": "path",
          "required": true,
          "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": 2147483647
          },
          "description": "Definition version (1, 2, …)."
        }
      ],
      "post": {
        "summary": "Activate a health definition version",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The now active version.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Definition"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/segments": {
      "get": {
        "summary": "The active segmentation",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Each segment's rule and account count.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Segments"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/segments/coverage": {
      "get": {
        "summary": "CSM coverage",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Each CSM's accounts per segment and load.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Coverage"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/segments/apply": {
      "post": {
        "summary": "Apply the segmentation now",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "What the recompute did.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RecomputeSummary"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/segments/definitions": {
      "get": {
        "summary": "List segmentation definition versions",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Every version.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Definition"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "post": {
        "summary": "Add a segmentation definition version",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Activate"
          },
          {
            "$ref": "#/components/parameters/Note"
          }
        ],
        "responses": {
          "201": {
            "description": "The stored version.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Definition"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "description": "The definition document, checked before it is stored (see docs/health.md).",
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string",
                "minLength": 1
              }
            },
            "application/json": {
              "schema": {
                "type": "object"
              }
            }
          }
        }
      }
    },
    "/api/v1/segments/definitions/{version}": {
      "parameters": [
        {
          "name": "version",
          "in": "path",
          "required": true,
          "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": 2147483647
          },
          "description": "Definition version (1, 2, …)."
        }
      ],
      "get": {
        "summary": "Show a segmentation definition version",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The version with its source.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Definition"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/segments/definitions/{version}/activate": {
      "parameters": [
        {
          "name": "version",
          "in": "path",
          "required": true,
          "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": 2147483647
          },
          "description": "Definition version (1, 2, …)."
        }
      ],
      "post": {
        "summary": "Activate a segmentation definition version",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The now active version.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Definition"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/risk": {
      "get": {
        "summary": "The at-risk list",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Owner"
          },
          {
            "$ref": "#/components/parameters/SegmentForHealth"
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 500,
                  "default": 25
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Page size (1–500)."
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "Accounts by expected MRR loss, with the model.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RiskList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/risk/accounts/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The account's id (percent-encode `/`, `%` and spaces)."
        }
      ],
      "get": {
        "summary": "One account's churn prediction",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The prediction with its factors and the model.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AccountRisk"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/risk/model": {
      "get": {
        "summary": "The newest churn model",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Features, coefficients, calibration and backtest.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ChurnModel"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/risk/train": {
      "post": {
        "summary": "Train a churn model",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "months",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 5,
                  "maximum": 60,
                  "default": 18
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Monthly cut-offs."
          },
          {
            "$ref": "#/components/parameters/HorizonDays"
          },
          {
            "$ref": "#/components/parameters/C"
          }
        ],
        "responses": {
          "200": {
            "description": "The new model's summary.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ModelSummary"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/risk/activation": {
      "get": {
        "summary": "Activation thresholds",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "days",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 365,
                  "default": 30
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Early-usage window."
          },
          {
            "name": "horizon_days",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 730,
                  "default": 180
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Retention horizon."
          }
        ],
        "responses": {
          "200": {
            "description": "Early-usage thresholds, best first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Activation"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/risk/survival": {
      "get": {
        "summary": "Kaplan–Meier survival curves",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/By"
          }
        ],
        "responses": {
          "200": {
            "description": "One curve per group.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/SurvivalCurve"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/jobs": {
      "get": {
        "summary": "Recurring jobs and their runs",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "job",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only runs of this job (e.g. `health`)."
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 1000,
                  "default": 20
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Page size (1–1000)."
          }
        ],
        "responses": {
          "200": {
            "description": "Each job's schedule and the latest runs, newest first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Jobs"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/webhook-endpoints": {
      "get": {
        "summary": "List notification endpoints",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Every endpoint, oldest first; never a secret.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/NotificationEndpoint"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      },
      "post": {
        "summary": "Create a notification endpoint",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "201": {
            "description": "The endpoint; a webhook's signing secret is in `secret`, shown this once.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NotificationEndpoint"
                },
                "example": {
                  "id": "ep_3f9a0c1d2e4b5a69",
                  "kind": "webhook",
                  "target": "https://hooks.example.com/tenure",
                  "description": "CRM sync",
                  "event_types": [
                    "account.health.changed",
                    "payment.failed"
                  ],
                  "segments": [],
                  "owners": [],
                  "status": "enabled",
                  "created_at": "2026-06-01T00:00:00.000Z",
                  "updated_at": "2026-06-01T00:00:00.000Z",
                  "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6i6GFIJRXTE="
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "A webhook or Slack URL must be http(s) and resolve to public addresses unless `outbound_allow` names the host or address (422 naming `target` otherwise); webhook and Slack endpoints need `TENURE_SECRET_KEY` set on the server (422 otherwise). An unknown event type is a 422 naming `event_types[i]`. Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/EndpointDraft"
              },
              "example": {
                "kind": "webhook",
                "target": "https://hooks.example.com/tenure",
                "description": "CRM sync",
                "event_types": [
                  "account.health.changed",
                  "payment.failed"
                ]
              }
            }
          }
        }
      }
    },
    "/api/v1/webhook-endpoints/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The endpoint's id (`ep_…`)."
        }
      ],
      "get": {
        "summary": "Show a notification endpoint",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The endpoint, never its secret.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NotificationEndpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      },
      "patch": {
        "summary": "Change a notification endpoint",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The endpoint as changed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NotificationEndpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Fields left out keep their value; `kind` cannot change (422). Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/EndpointDraft"
              },
              "example": {
                "event_types": [
                  "*"
                ],
                "description": "Everything"
              }
            }
          }
        }
      }
    },
    "/api/v1/webhook-endpoints/{id}/disable": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The endpoint's id (`ep_…`)."
        }
      ],
      "post": {
        "summary": "Disable a notification endpoint",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The endpoint.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NotificationEndpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "No deliveries are made to it until it is enabled; pending ones wait. A 422 names `TENURE_SECRET_KEY` when the server cannot open the endpoint's sealed secrets. Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/webhook-endpoints/{id}/enable": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The endpoint's id (`ep_…`)."
        }
      ],
      "post": {
        "summary": "Enable a notification endpoint",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The endpoint.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/NotificationEndpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Clears the reason it was disabled; failed deliveries stay failed until replayed. A 422 names `TENURE_SECRET_KEY` when the server cannot open the endpoint's sealed secrets. Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/webhook-endpoints/{id}/test": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The endpoint's id (`ep_…`)."
        }
      ],
      "post": {
        "summary": "Send a test ping",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "202": {
            "description": "The `ping` delivery, pending; the delivery workers attempt it shortly.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Delivery"
                },
                "example": {
                  "id": "dlv_0a1b2c3d4e5f6a7b8c9d0e1f",
                  "event_id": "evt_0a1b2c3d4e5f6a7b8c9d0e1f",
                  "event_type": "ping",
                  "endpoint_id": "ep_3f9a0c1d2e4b5a69",
                  "status": "pending",
                  "attempt_count": 0,
                  "next_attempt_at": "2026-06-01T00:00:00.000Z",
                  "created_at": "2026-06-01T00:00:00.000Z",
                  "updated_at": "2026-06-01T00:00:00.000Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Goes to this endpoint only, enabled or not, so a fix can be tried before enabling it. Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/webhook-endpoints/{id}/rotate-secret": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The endpoint's id (`ep_…`)."
        }
      ],
      "post": {
        "summary": "Rotate a webhook's signing secret",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The new secret, shown this once.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "secret": {
                      "type": "string",
                      "pattern": "^whsec_"
                    }
                  },
                  "required": [
                    "secret"
                  ]
                },
                "example": {
                  "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6i6GFIJRXTE="
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "The old secrets keep signing (each delivery carries every signature) for `overlap_seconds` (default 86400), so receivers can switch. Only webhook endpoints have signing secrets (422 otherwise). Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SecretRotation"
              },
              "example": {
                "overlap_seconds": 86400
              }
            }
          }
        }
      }
    },
    "/api/v1/deliveries": {
      "get": {
        "summary": "List deliveries",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "endpoint_id",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only deliveries to this endpoint."
          },
          {
            "name": "event_id",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only deliveries of this event."
          },
          {
            "name": "status",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "$ref": "#/components/schemas/DeliveryStatus"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only deliveries in this state."
          },
          {
            "name": "event_type",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "$ref": "#/components/schemas/EventType"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only deliveries of events of this type."
          },
          {
            "name": "since",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "string",
                  "format": "date",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                },
                {
                  "type": "string",
                  "format": "date-time",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only deliveries created at or after this date (`2026-05-01`) or ISO 8601 instant."
          },
          {
            "name": "until",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "string",
                  "format": "date",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                },
                {
                  "type": "string",
                  "format": "date-time",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only deliveries created before this date or instant."
          },
          {
            "$ref": "#/components/parameters/LimitForAccounts"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "Deliveries, newest first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeliveryPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/deliveries/replay": {
      "post": {
        "summary": "Replay deliveries",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "How many deliveries were made pending.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "replayed": {
                      "type": "integer",
                      "minimum": 0
                    }
                  },
                  "required": [
                    "replayed"
                  ]
                },
                "example": {
                  "replayed": 12
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Makes every delivery the filters select pending and due now, with a fresh retry schedule and the same `webhook-id`. `since` and `until` are required unless `endpoint_id` or `event_id` is given (422 naming the missing one). Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ReplaySelection"
              },
              "example": {
                "endpoint_id": "ep_3f9a0c1d2e4b5a69",
                "status": "failed",
                "since": "2026-05-01",
                "until": "2026-06-01"
              }
            }
          }
        }
      }
    },
    "/api/v1/deliveries/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The delivery's id."
        }
      ],
      "get": {
        "summary": "Show a delivery with its attempts",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The delivery and every attempt, first to last.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Delivery"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/deliveries/{id}/replay": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The delivery's id."
        }
      ],
      "post": {
        "summary": "Replay a delivery",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The delivery, pending and due now.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Delivery"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Attempts it again with a fresh retry schedule and the same `webhook-id`, whatever its state. Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/events": {
      "get": {
        "summary": "List outbox events",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "type",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "$ref": "#/components/schemas/EventType"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only events of this type."
          },
          {
            "name": "account_id",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only events about this account."
          },
          {
            "$ref": "#/components/parameters/LimitForAccounts"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "Events, newest first (without payloads).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EventPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/events/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The event's id (`evt_…`), the `webhook-id` of its deliveries."
        }
      ],
      "get": {
        "summary": "Show an outbox event",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The event with the payload every endpoint receives.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Event"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/tasks": {
      "get": {
        "summary": "List tasks",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "owner",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only tasks owned by this CSM id; `none` for tasks nobody owns."
          },
          {
            "name": "queue",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only tasks in this team queue."
          },
          {
            "name": "account_id",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only this account's tasks."
          },
          {
            "name": "status",
            "in": "query",
            "schema": {
              "type": "string",
              "pattern": "^((open|in_progress|snoozed|done|canceled)(,(open|in_progress|snoozed|done|canceled))*)?$"
            },
            "description": "Only tasks in these statuses, comma-separated (`open,snoozed`)."
          },
          {
            "name": "due_before",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "string",
                  "format": "date",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                },
                {
                  "type": "string",
                  "format": "date-time",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only tasks due (or past their SLA) before this date or instant."
          },
          {
            "name": "overdue",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "true",
                "false",
                "1",
                "0",
                ""
              ]
            },
            "description": "`true`: only tasks open or in progress whose deadline has passed."
          },
          {
            "name": "playbook_run",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only tasks created by this playbook run."
          },
          {
            "$ref": "#/components/parameters/LimitForAccounts"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "Tasks, soonest deadline (the earlier of due date and SLA) first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TaskPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Open, in-progress and snoozed tasks unless `status` says otherwise. Needs a key with the `viewer` role or above."
      },
      "post": {
        "summary": "Create a task",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "201": {
            "description": "The task.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Task"
                },
                "example": {
                  "id": "task_3f9a0c1d2e4b5a697c10",
                  "account_id": "acct_0000001",
                  "account_name": "Acme Analytics",
                  "owner_id": "csm_1",
                  "owner_name": "Ada Berg",
                  "title": "Call Acme about the renewal",
                  "status": "open",
                  "priority": "high",
                  "due_at": "2026-06-22T15:00:00.000Z",
                  "sla_due_at": "2026-06-22T11:00:00.000Z",
                  "created_at": "2026-06-19T15:00:00.000Z",
                  "updated_at": "2026-06-19T15:00:00.000Z",
                  "source": "manual",
                  "escalation_tier": 0,
                  "overdue": false
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "A manual task. Its owner is `owner_id` or `queue` (the account's owner when neither is given, else the `unassigned` queue); it is due at `due_at` or `due_days` calendar days from now; its SLA is `sla_business_hours` or `sla_business_days` counted in the server's business calendar (`business_calendar`, Monday to Friday 09–17 UTC by default). The account must exist (422 naming `account_id`). The history names the API key. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TaskDraft"
              },
              "example": {
                "account_id": "acct_0000001",
                "title": "Call Acme about the renewal",
                "owner_id": "csm_1",
                "due_days": 3,
                "priority": "high",
                "sla_business_hours": 4
              }
            }
          }
        }
      }
    },
    "/api/v1/tasks/load": {
      "get": {
        "summary": "Show each owner's task load",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "Open tasks per owner and per queue.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TaskLoad"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Each CSM's (and each queue's unowned) open tasks: overdue, due by the end of today and of this week (UTC; weeks end on Sunday), and all. Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/tasks/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The task's id (`task_…`)."
        }
      ],
      "get": {
        "summary": "Show a task",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The task with its comments and history, oldest first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Task"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "patch": {
        "summary": "Change a task",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The task as changed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Task"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Fields left out keep their value. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TaskEdit"
              },
              "example": {
                "title": "Call Acme about the renewal terms",
                "priority": "urgent"
              }
            }
          }
        }
      }
    },
    "/api/v1/tasks/{id}/start": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The task's id (`task_…`)."
        }
      ],
      "post": {
        "summary": "Start a task",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The task as changed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Task"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "An open or snoozed task becomes in progress; 409 when it is done or canceled. Needs a key with the `member` role or above."
      }
    },
    "/api/v1/tasks/{id}/complete": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The task's id (`task_…`)."
        }
      ],
      "post": {
        "summary": "Complete a task",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The task as changed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Task"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Marks the task done with what came of it; 409 when it is already done or canceled (nothing changes). Needs a key with the `member` role or above.",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TaskCompletion"
              },
              "example": {
                "outcome": "saved",
                "note": "Renewal confirmed for another year"
              }
            }
          }
        }
      }
    },
    "/api/v1/tasks/{id}/snooze": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The task's id (`task_…`)."
        }
      ],
      "post": {
        "summary": "Snooze a task",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The task as changed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Task"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Puts an open task aside until an instant in the future (`until`) or for `days` days; it comes back open then. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TaskSnooze"
              },
              "example": {
                "days": 3
              }
            }
          }
        }
      }
    },
    "/api/v1/tasks/{id}/reassign": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The task's id (`task_…`)."
        }
      ],
      "post": {
        "summary": "Reassign a task",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The task as changed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Task"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Gives the task to a CSM (`owner_id`) or a team queue (`queue`), one of the two. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TaskReassignment"
              },
              "example": {
                "owner_id": "csm_2"
              }
            }
          }
        }
      }
    },
    "/api/v1/tasks/{id}/reopen": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The task's id (`task_…`)."
        }
      ],
      "post": {
        "summary": "Reopen a task",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The task as changed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Task"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "A done or canceled task is open again; 409 when it is still open. Needs a key with the `member` role or above."
      }
    },
    "/api/v1/tasks/{id}/cancel": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The task's id (`task_…`)."
        }
      ],
      "post": {
        "summary": "Cancel a task",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The task as changed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Task"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "The task will not be done; 409 when it is already done or canceled. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Cancellation"
              },
              "example": {
                "reason": "The customer already renewed"
              }
            }
          }
        }
      }
    },
    "/api/v1/tasks/{id}/comments": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The task's id (`task_…`)."
        }
      ],
      "post": {
        "summary": "Comment on a task",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "201": {
            "description": "The comment.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TaskComment"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "The comment is written in the task's history too, by the API key's name. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CommentDraft"
              },
              "example": {
                "body": "Left a voicemail; trying again Thursday."
              }
            }
          }
        }
      }
    },
    "/api/v1/touchpoints": {
      "get": {
        "summary": "List touchpoints",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "account_id",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only this account's touchpoints."
          },
          {
            "name": "csm_id",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only touchpoints this CSM held."
          },
          {
            "name": "kind",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "$ref": "#/components/schemas/TouchpointKind"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only touchpoints of this kind."
          },
          {
            "name": "since",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "string",
                  "format": "date",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                },
                {
                  "type": "string",
                  "format": "date-time",
                  "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only touchpoints held at or after this date or instant."
          },
          {
            "$ref": "#/components/parameters/LimitForAccounts"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "Touchpoints, newest first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TouchpointPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "post": {
        "summary": "Log a touchpoint",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "201": {
            "description": "The touchpoint, and the task made from its next step when `create_task` is true.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LoggedTouchpoint"
                },
                "example": {
                  "touchpoint": {
                    "id": "tp_0c1d2e4b5a697c103f9a",
                    "account_id": "acct_0000001",
                    "csm_id": "csm_1",
                    "kind": "qbr",
                    "occurred_at": "2026-06-15T12:00:00.000Z",
                    "summary": "Reviewed adoption; exports are the sticking point.",
                    "executive_sponsor_present": true,
                    "attendees": [
                      "contact_0000001"
                    ],
                    "next_step": "Send the export guide"
                  },
                  "task": {
                    "id": "task_3f9a0c1d2e4b5a697c10",
                    "account_id": "acct_0000001",
                    "account_name": "Acme Analytics",
                    "owner_id": "csm_1",
                    "owner_name": "Ada Berg",
                    "title": "Send the export guide",
                    "status": "open",
                    "priority": "normal",
                    "due_at": "2026-06-22T15:00:00.000Z",
                    "created_at": "2026-06-19T15:00:00.000Z",
                    "updated_at": "2026-06-19T15:00:00.000Z",
                    "source": "touchpoint:tp_0c1d2e4b5a697c103f9a",
                    "escalation_tier": 0,
                    "overdue": false
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "The account must exist (422 naming `account_id`) and each attendee be one of its contacts (422 naming `attendees[i]`). With `create_task`, the next step becomes a task (and a `task.created` event) in the same transaction: due in `next_step_due_days` days, owned by `next_step_owner_id`, else the touchpoint's CSM, else the account's owner. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TouchpointDraft"
              },
              "example": {
                "account_id": "acct_0000001",
                "kind": "qbr",
                "summary": "Reviewed adoption; exports are the sticking point.",
                "attendees": [
                  "contact_0000001"
                ],
                "csm_id": "csm_1",
                "executive_sponsor_present": true,
                "next_step": "Send the export guide",
                "create_task": true,
                "next_step_due_days": 2
              }
            }
          }
        }
      }
    },
    "/api/v1/touchpoints/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The touchpoint's id (`tp_…`)."
        }
      ],
      "get": {
        "summary": "Show a touchpoint",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The touchpoint.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Touchpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/playbooks": {
      "get": {
        "summary": "List playbooks",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "One line per playbook.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "data": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/PlaybookSummary"
                      }
                    }
                  },
                  "required": [
                    "data"
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      },
      "post": {
        "summary": "Add a playbook version",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Activate"
          },
          {
            "$ref": "#/components/parameters/Note"
          }
        ],
        "responses": {
          "201": {
            "description": "The stored version: the next of the playbook the document names.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "The document is checked before it is stored; a mistake is a 422 naming the field (`steps[0].task.due_days`). See docs/playbooks.md. Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "description": "The playbook document, YAML or JSON.",
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string",
                "minLength": 1
              },
              "example": "name: Detractor follow-up\ntrigger: {event: survey.response.created, where: {kind: nps, score: {lte: 6}}}\nconditions: {segment: [mid_market, enterprise], mrr: {gte: 50000}}\nlimit: {once_per_account_days: 30}\nholdout: 0.1\nsteps:\n  - task: {title: \"Call {{account.name}} about their NPS {{response.score}}\", owner: account_owner, due_days: 2, priority: high}\n  - wait_days: 7\n  - notify: {channel: slack, text: \"Detractor follow-up for {{account.name}} still open\"}\n    if: {task_open: true}\n"
            },
            "application/json": {
              "schema": {
                "type": "object"
              }
            }
          }
        }
      }
    },
    "/api/v1/playbooks/dry-run": {
      "post": {
        "summary": "Dry-run a playbook",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "days",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 365,
                  "default": 90
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "How many days back to replay."
          }
        ],
        "responses": {
          "200": {
            "description": "What the playbook would have done.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookDryRun"
                },
                "example": {
                  "playbook": "Detractor follow-up",
                  "from": "2026-03-17T12:00:00.000Z",
                  "to": "2026-06-15T12:00:00.000Z",
                  "occurrences": 3,
                  "enrolled": 1,
                  "held_out": 0,
                  "skipped": 2,
                  "skip_reasons": [
                    {
                      "reason": "conditions not met: segment=smb, not one of mid_market, enterprise",
                      "count": 1
                    },
                    {
                      "reason": "limit: enrolled N days ago",
                      "count": 1
                    }
                  ],
                  "tasks": 1,
                  "notifications": 1,
                  "load": [
                    {
                      "owner": "csm_1",
                      "week": "2026-W17",
                      "tasks": 1
                    }
                  ],
                  "entries": [
                    {
                      "account_id": "acct_0000002",
                      "account_name": "Beacon Labs",
                      "at": "2026-04-20T12:00:00.000Z",
                      "held_out": false,
                      "trace": "fired because NPS answer 4 on 2026-04-20; conditions matched: segment=mid_market",
                      "tasks": [
                        "Call Beacon Labs about their NPS 4"
                      ]
                    }
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Replays the document (not stored) over the last `days` days of stored history — survey answers, payments, cancellations, health colour changes, renewals, schedules, missed milestones, usage drops and the outbox — deciding each trigger occurrence as a real run would, with nothing written. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "description": "A playbook document, YAML or JSON, as `POST /api/v1/playbooks` takes it.",
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string",
                "minLength": 1
              },
              "example": "name: Detractor follow-up\ntrigger: {event: survey.response.created, where: {kind: nps, score: {lte: 6}}}\nconditions: {segment: [mid_market, enterprise], mrr: {gte: 50000}}\nlimit: {once_per_account_days: 30}\nholdout: 0.1\nsteps:\n  - task: {title: \"Call {{account.name}} about their NPS {{response.score}}\", owner: account_owner, due_days: 2, priority: high}\n  - wait_days: 7\n  - notify: {channel: slack, text: \"Detractor follow-up for {{account.name}} still open\"}\n    if: {task_open: true}\n"
            },
            "application/json": {
              "schema": {
                "type": "object"
              }
            }
          }
        }
      }
    },
    "/api/v1/playbooks/{name}": {
      "parameters": [
        {
          "name": "name",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The playbook's name, percent-encoded (`Detractor%20follow-up`)."
        }
      ],
      "get": {
        "summary": "Show a playbook",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The active version (the latest when none is active) with its source and outline, and every version.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/playbooks/{name}/versions/{version}": {
      "parameters": [
        {
          "name": "name",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The playbook's name, percent-encoded (`Detractor%20follow-up`)."
        },
        {
          "name": "version",
          "in": "path",
          "required": true,
          "schema": {
            "type": "integer",
            "minimum": 1,
            "maximum": 2147483647
          },
          "description": "Version (1, 2, …)."
        }
      ],
      "get": {
        "summary": "Show a playbook version",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The version with its source and outline.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/playbooks/{name}/activate": {
      "parameters": [
        {
          "name": "name",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The playbook's name, percent-encoded (`Detractor%20follow-up`)."
        }
      ],
      "post": {
        "summary": "Activate a playbook version",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The playbook, that version active.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "New trigger occurrences start runs of the active version; runs already started keep their version. Needs a key with the `admin` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PlaybookActivation"
              },
              "example": {
                "version": 2
              }
            }
          }
        }
      }
    },
    "/api/v1/playbooks/{name}/deactivate": {
      "parameters": [
        {
          "name": "name",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The playbook's name, percent-encoded (`Detractor%20follow-up`)."
        }
      ],
      "post": {
        "summary": "Deactivate a playbook",
        "x-tenure-role": "admin",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The playbook, without an active version.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Nothing new starts; active runs go on. 409 when no version is active. Needs a key with the `admin` role or above."
      }
    },
    "/api/v1/playbooks/{name}/runs": {
      "parameters": [
        {
          "name": "name",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The playbook's name, percent-encoded (`Detractor%20follow-up`)."
        }
      ],
      "get": {
        "summary": "List a playbook's runs",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "status",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "$ref": "#/components/schemas/PlaybookRunStatus"
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Only runs in this state."
          },
          {
            "name": "account_id",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 200,
              "pattern": "^[^\\u0000]*$"
            },
            "description": "Only this account's runs."
          },
          {
            "$ref": "#/components/parameters/LimitForAccounts"
          },
          {
            "$ref": "#/components/parameters/Offset"
          }
        ],
        "responses": {
          "200": {
            "description": "Runs, newest first, with their traces.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookRunPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/playbooks/{name}/effect": {
      "parameters": [
        {
          "name": "name",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The playbook's name, percent-encoded (`Detractor%20follow-up`)."
        }
      ],
      "get": {
        "summary": "Show a playbook's effect",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [
          {
            "name": "horizon_days",
            "in": "query",
            "schema": {
              "anyOf": [
                {
                  "type": "integer",
                  "minimum": 30,
                  "maximum": 365,
                  "default": 90
                },
                {
                  "type": "string",
                  "maxLength": 0
                }
              ]
            },
            "description": "Days after each start the outcomes are read at."
          }
        ],
        "responses": {
          "200": {
            "description": "Enrolled against held-out accounts over the horizon after each start.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookEffect"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Churn, renewal and expansion rates of enrolled and held-out accounts with the difference and its 95% interval (Newcombe's hybrid score), each account counted once, from its first run whose horizon is over. 404 while the playbook has never run. Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/playbooks/{name}/start": {
      "parameters": [
        {
          "name": "name",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The playbook's name, percent-encoded (`Detractor%20follow-up`)."
        }
      ],
      "post": {
        "summary": "Start a playbook for an account",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "201": {
            "description": "The run; its first step is due now.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookRun"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Starts the active version for the account by hand, whatever its conditions (the trace says which failed). 404 for an unknown playbook or account; 409 when the account is already in an active run of the playbook or no version is active. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PlaybookStart"
              },
              "example": {
                "account_id": "acct_0000001"
              }
            }
          }
        }
      }
    },
    "/api/v1/playbook-runs/{id}": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The run's id (`run_…`)."
        }
      ],
      "get": {
        "summary": "Show a playbook run",
        "x-tenure-role": "viewer",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The run, its trace and the log of its steps.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookRun"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "Needs a key with the `viewer` role or above."
      }
    },
    "/api/v1/playbook-runs/{id}/cancel": {
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string",
            "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]{1,200}$"
          },
          "description": "The run's id (`run_…`)."
        }
      ],
      "post": {
        "summary": "Cancel a playbook run",
        "x-tenure-role": "member",
        "security": [
          {
            "apiKey": []
          }
        ],
        "parameters": [],
        "responses": {
          "200": {
            "description": "The run, canceled.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PlaybookRun"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/Unprocessable"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        },
        "description": "No further step runs; tasks it created stay. 409 when the run is no longer active. Needs a key with the `member` role or above.",
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Cancellation"
              },
              "example": {
                "reason": "Handled on the phone"
              }
            }
          }
        }
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "summary": "This document",
        "security": [],
        "description": "The contract is public: no key is needed.",
        "responses": {
          "200": {
            "description": "The OpenAPI document.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          }
        }
      }
    },
    "/healthz": {
      "get": {
        "summary": "Liveness",
        "security": [],
        "responses": {
          "200": {
            "description": "The process answers.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Status"
                },
                "example": {
                  "status": "ok"
                }
              }
            }
          }
        }
      }
    },
    "/readyz": {
      "get": {
        "summary": "Readiness",
        "security": [],
        "responses": {
          "200": {
            "description": "The database answers and its schema is current.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Status"
                },
                "example": {
                  "status": "ready",
                  "backend": "sqlite",
                  "pending_migrations": []
                }
              }
            }
          },
          "503": {
            "description": "Migrations are pending or the database does not answer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Status"
                },
                "example": {
                  "status": "database unavailable",
                  "backend": "postgresql"
                }
              }
            }
          }
        }
      }
    },
    "/v1/identify": {
      "post": {
        "summary": "Identify a user",
        "security": [
          {
            "writeKey": []
          }
        ],
        "description": "Segment's HTTP tracking API. Authenticate with a writer key as the HTTP Basic user name (Segment's libraries do), a `Bearer` header, or `writeKey` in the body. `Content-Encoding: gzip` is accepted. Calls that fail validation are listed in `rejected`; the valid calls of the same request are kept. Errors also carry `code` and `message` at the top level, as Segment's libraries read them.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SegmentMessage"
              },
              "example": {
                "userId": "user_ada",
                "traits": {
                  "email": "ada@orbit.example.com",
                  "name": "Ada Lovelace"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What was taken.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TrackingReceipt"
                },
                "example": {
                  "success": true,
                  "accepted": 1,
                  "duplicates": 0,
                  "rejected": []
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/TrackingBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/TrackingUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/TrackingForbidden"
          },
          "413": {
            "$ref": "#/components/responses/TrackingContentTooLarge"
          },
          "503": {
            "$ref": "#/components/responses/TrackingUnavailable"
          }
        }
      }
    },
    "/v1/group": {
      "post": {
        "summary": "Link a user to an account",
        "security": [
          {
            "writeKey": []
          }
        ],
        "description": "Segment's HTTP tracking API. Authenticate with a writer key as the HTTP Basic user name (Segment's libraries do), a `Bearer` header, or `writeKey` in the body. `Content-Encoding: gzip` is accepted. Calls that fail validation are listed in `rejected`; the valid calls of the same request are kept. Errors also carry `code` and `message` at the top level, as Segment's libraries read them.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SegmentMessage"
              },
              "example": {
                "userId": "user_ada",
                "groupId": "grp_orbit",
                "traits": {
                  "name": "Orbit",
                  "industry": "Software"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What was taken.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TrackingReceipt"
                },
                "example": {
                  "success": true,
                  "accepted": 1,
                  "duplicates": 0,
                  "rejected": []
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/TrackingBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/TrackingUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/TrackingForbidden"
          },
          "413": {
            "$ref": "#/components/responses/TrackingContentTooLarge"
          },
          "503": {
            "$ref": "#/components/responses/TrackingUnavailable"
          }
        }
      }
    },
    "/v1/track": {
      "post": {
        "summary": "Record an event",
        "security": [
          {
            "writeKey": []
          }
        ],
        "description": "Segment's HTTP tracking API. Authenticate with a writer key as the HTTP Basic user name (Segment's libraries do), a `Bearer` header, or `writeKey` in the body. `Content-Encoding: gzip` is accepted. Calls that fail validation are listed in `rejected`; the valid calls of the same request are kept. Errors also carry `code` and `message` at the top level, as Segment's libraries read them.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SegmentMessage"
              },
              "example": {
                "userId": "user_ada",
                "event": "report_created",
                "properties": {
                  "rows": 12
                },
                "timestamp": "2026-05-31T12:00:00Z",
                "messageId": "m-1"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What was taken.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TrackingReceipt"
                },
                "example": {
                  "success": true,
                  "accepted": 1,
                  "duplicates": 0,
                  "rejected": []
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/TrackingBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/TrackingUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/TrackingForbidden"
          },
          "413": {
            "$ref": "#/components/responses/TrackingContentTooLarge"
          },
          "503": {
            "$ref": "#/components/responses/TrackingUnavailable"
          }
        }
      }
    },
    "/v1/page": {
      "post": {
        "summary": "Record a page view",
        "security": [
          {
            "writeKey": []
          }
        ],
        "description": "Segment's HTTP tracking API. Authenticate with a writer key as the HTTP Basic user name (Segment's libraries do), a `Bearer` header, or `writeKey` in the body. `Content-Encoding: gzip` is accepted. Calls that fail validation are listed in `rejected`; the valid calls of the same request are kept. Errors also carry `code` and `message` at the top level, as Segment's libraries read them.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SegmentMessage"
              },
              "example": {
                "userId": "user_ada",
                "name": "Dashboard"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What was taken.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TrackingReceipt"
                },
                "example": {
                  "success": true,
                  "accepted": 1,
                  "duplicates": 0,
                  "rejected": []
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/TrackingBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/TrackingUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/TrackingForbidden"
          },
          "413": {
            "$ref": "#/components/responses/TrackingContentTooLarge"
          },
          "503": {
            "$ref": "#/components/responses/TrackingUnavailable"
          }
        }
      }
    },
    "/v1/batch": {
      "post": {
        "summary": "Send many calls",
        "security": [
          {
            "writeKey": []
          }
        ],
        "description": "Segment's HTTP tracking API. Authenticate with a writer key as the HTTP Basic user name (Segment's libraries do), a `Bearer` header, or `writeKey` in the body. `Content-Encoding: gzip` is accepted. Calls that fail validation are listed in `rejected`; the valid calls of the same request are kept. Errors also carry `code` and `message` at the top level, as Segment's libraries read them.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SegmentBatch"
              },
              "example": {
                "batch": [
                  {
                    "type": "track",
                    "userId": "user_ada",
                    "event": "report_created",
                    "properties": {
                      "rows": 12
                    },
                    "timestamp": "2026-05-31T12:00:00Z",
                    "messageId": "m-1"
                  }
                ],
                "sentAt": "2026-05-31T12:00:01Z"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What was taken.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TrackingReceipt"
                },
                "example": {
                  "success": true,
                  "accepted": 1,
                  "duplicates": 0,
                  "rejected": []
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/TrackingBadRequest"
          },
          "401": {
            "$ref": "#/components/responses/TrackingUnauthorized"
          },
          "403": {
            "$ref": "#/components/responses/TrackingForbidden"
          },
          "413": {
            "$ref": "#/components/responses/TrackingContentTooLarge"
          },
          "503": {
            "$ref": "#/components/responses/TrackingUnavailable"
          }
        }
      }
    },
    "/webhooks/stripe": {
      "post": {
        "summary": "Receive a Stripe event",
        "security": [
          {
            "stripeSignature": []
          }
        ],
        "description": "Stripe's webhook events, accepted only with a valid `Stripe-Signature` (checked before the body is parsed; 300 s tolerance). A replayed event is acknowledged and changes nothing. An event that cannot become facts is a 400 naming the field and is not stored, so Stripe's retry is read afresh. Answers 503 when the server has no signing secret.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "description": "A Stripe event object.",
                "propertyNames": {
                  "pattern": "^[^\\u0000]*$"
                },
                "additionalProperties": {
                  "$ref": "#/components/schemas/JSONValue"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The event was taken (or was already).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WebhookReceipt"
                },
                "example": {
                  "received": true,
                  "outcome": "stored"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Error": {
        "type": "object",
        "properties": {
          "error": {
            "type": "object",
            "properties": {
              "code": {
                "type": "string",
                "description": "Stable machine-readable code, e.g. `validation_failed`."
              },
              "message": {
                "type": "string",
                "description": "What went wrong and how to fix it."
              },
              "field": {
                "type": "string",
                "description": "The request field at fault, in snake_case, when there is one."
              }
            },
            "required": [
              "code",
              "message"
            ]
          }
        },
        "required": [
          "error"
        ],
        "example": {
          "error": {
            "code": "bad_request",
            "message": "must be a whole number from 1 to 500",
            "field": "limit"
          }
        }
      },
      "SegmentError": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Error"
          },
          {
            "type": "object",
            "properties": {
              "code": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            },
            "required": [
              "code",
              "message"
            ]
          }
        ],
        "example": {
          "error": {
            "code": "unauthorized",
            "message": "send a write key (tenure keys create --role writer) as the Basic auth user name"
          },
          "code": "unauthorized",
          "message": "send a write key (tenure keys create --role writer) as the Basic auth user name"
        }
      },
      "Money": {
        "type": "object",
        "properties": {
          "amount": {
            "type": "integer",
            "format": "int64",
            "description": "Minor units (4900 = $49.00)."
          },
          "currency": {
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "examples": [
              "USD"
            ]
          }
        },
        "required": [
          "amount",
          "currency"
        ]
      },
      "Currency": {
        "type": "string",
        "enum": [
          "AED",
          "AFN",
          "ALL",
          "AMD",
          "ANG",
          "AOA",
          "ARS",
          "AUD",
          "AWG",
          "AZN",
          "BAM",
          "BBD",
          "BDT",
          "BGN",
          "BHD",
          "BIF",
          "BMD",
          "BND",
          "BOB",
          "BRL",
          "BSD",
          "BTN",
          "BWP",
          "BYN",
          "BZD",
          "CAD",
          "CDF",
          "CHF",
          "CLP",
          "CNY",
          "COP",
          "CRC",
          "CUP",
          "CVE",
          "CZK",
          "DJF",
          "DKK",
          "DOP",
          "DZD",
          "EGP",
          "ERN",
          "ETB",
          "EUR",
          "FJD",
          "FKP",
          "GBP",
          "GEL",
          "GHS",
          "GIP",
          "GMD",
          "GNF",
          "GTQ",
          "GYD",
          "HKD",
          "HNL",
          "HTG",
          "HUF",
          "IDR",
          "ILS",
          "INR",
          "IQD",
          "IRR",
          "ISK",
          "JMD",
          "JOD",
          "JPY",
          "KES",
          "KGS",
          "KHR",
          "KMF",
          "KPW",
          "KRW",
          "KWD",
          "KYD",
          "KZT",
          "LAK",
          "LBP",
          "LKR",
          "LRD",
          "LSL",
          "LYD",
          "MAD",
          "MDL",
          "MGA",
          "MKD",
          "MMK",
          "MNT",
          "MOP",
          "MRU",
          "MUR",
          "MVR",
          "MWK",
          "MXN",
          "MYR",
          "MZN",
          "NAD",
          "NGN",
          "NIO",
          "NOK",
          "NPR",
          "NZD",
          "OMR",
          "PAB",
          "PEN",
          "PGK",
          "PHP",
          "PKR",
          "PLN",
          "PYG",
          "QAR",
          "RON",
          "RSD",
          "RUB",
          "RWF",
          "SAR",
          "SBD",
          "SCR",
          "SDG",
          "SEK",
          "SGD",
          "SHP",
          "SLE",
          "SOS",
          "SRD",
          "SSP",
          "STN",
          "SVC",
          "SYP",
          "SZL",
          "THB",
          "TJS",
          "TMT",
          "TND",
          "TOP",
          "TRY",
          "TTD",
          "TWD",
          "TZS",
          "UAH",
          "UGX",
          "USD",
          "UYU",
          "UZS",
          "VED",
          "VES",
          "VND",
          "VUV",
          "WST",
          "XAF",
          "XCD",
          "XOF",
          "XPF",
          "YER",
          "ZAR",
          "ZMW",
          "ZWG"
        ],
        "description": "ISO 4217 code (Stripe's lower-case form is accepted too)."
      },
      "LifecycleStage": {
        "type": "string",
        "enum": [
          "trial",
          "onboarding",
          "adoption",
          "value_realization",
          "renewal",
          "advocacy",
          "churned"
        ]
      },
      "HealthColour": {
        "type": "string",
        "enum": [
          "red",
          "yellow",
          "green"
        ]
      },
      "EngagementModel": {
        "type": "string",
        "enum": [
          "high_touch",
          "mid_touch",
          "tech_touch",
          "community_touch"
        ]
      },
      "Role": {
        "type": "string",
        "enum": [
          "writer",
          "viewer",
          "member",
          "admin"
        ],
        "description": "writer: tracking API only; viewer reads; member also writes accounts; admin also keys, configuration and recomputes."
      },
      "RevenueMetric": {
        "type": "string",
        "enum": [
          "mrr",
          "arr",
          "arpa",
          "customers",
          "new",
          "expansion",
          "contraction",
          "churn",
          "reactivation",
          "logo_churn_rate",
          "gross_mrr_churn_rate",
          "net_mrr_churn_rate",
          "nrr",
          "grr",
          "quick_ratio",
          "expansion_share"
        ]
      },
      "CurrentHealth": {
        "type": "object",
        "properties": {
          "score": {
            "type": "number",
            "minimum": 0,
            "maximum": 100
          },
          "colour": {
            "$ref": "#/components/schemas/HealthColour"
          }
        },
        "required": [
          "score",
          "colour"
        ]
      },
      "Account": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "domain": {
            "type": "string"
          },
          "stripe_customer_id": {
            "type": "string"
          },
          "segment_group_id": {
            "type": "string"
          },
          "industry": {
            "type": "string"
          },
          "employee_count": {
            "type": "integer"
          },
          "owner_id": {
            "type": "string"
          },
          "lifecycle_stage": {
            "$ref": "#/components/schemas/LifecycleStage"
          },
          "segment": {
            "type": "string"
          },
          "currency": {
            "type": "string",
            "pattern": "^[A-Z]{3}$"
          },
          "tags": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "traits": {
            "type": "object",
            "description": "Free-form attributes."
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "mrr": {
            "$ref": "#/components/schemas/Money"
          },
          "arr": {
            "$ref": "#/components/schemas/Money"
          },
          "health": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/CurrentHealth"
              },
              {
                "type": "null"
              }
            ]
          },
          "engagement_model": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/EngagementModel"
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "required": [
          "id",
          "name",
          "lifecycle_stage",
          "currency",
          "tags",
          "traits",
          "created_at",
          "updated_at",
          "mrr",
          "arr",
          "health",
          "engagement_model"
        ]
      },
      "AccountDetail": {
        "allOf": [
          {
            "$ref": "#/components/schemas/Account"
          },
          {
            "type": "object",
            "properties": {
              "subscriptions": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Subscription"
                }
              }
            },
            "required": [
              "subscriptions"
            ]
          }
        ]
      },
      "AccountDraft": {
        "type": "object",
        "properties": {
          "id": {
            "anyOf": [
              {
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "name": {
            "anyOf": [
              {
                "type": "string",
                "minLength": 1,
                "maxLength": 500,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "domain": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 253,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "stripe_customer_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "segment_group_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "industry": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "employee_count": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 0,
                "maximum": 10000000
              },
              {
                "type": "null"
              }
            ]
          },
          "owner_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "lifecycle_stage": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/LifecycleStage"
              },
              {
                "type": "null"
              }
            ]
          },
          "segment": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 100,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "currency": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Currency"
              },
              {
                "type": "null"
              }
            ]
          },
          "tags": {
            "anyOf": [
              {
                "type": "array",
                "items": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 100,
                  "pattern": "^[^\\u0000]*$"
                },
                "maxItems": 100
              },
              {
                "type": "null"
              }
            ]
          },
          "traits": {
            "anyOf": [
              {
                "type": "object",
                "description": "Free-form attributes.",
                "propertyNames": {
                  "pattern": "^[^\\u0000]*$"
                },
                "additionalProperties": {
                  "$ref": "#/components/schemas/JSONValue"
                }
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "description": "Every field optional: an update changes only what it names; `name` is needed to create. Traits merge key by key; `tags` replaces the list.",
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "AccountPage": {
        "type": "object",
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Account"
            }
          },
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "limit": {
            "type": "integer",
            "minimum": 1
          },
          "offset": {
            "type": "integer",
            "minimum": 0
          },
          "next_offset": {
            "type": "integer",
            "minimum": 0,
            "description": "Offset of the next page; absent on the last page."
          }
        },
        "required": [
          "data",
          "total",
          "limit",
          "offset"
        ]
      },
      "Subscription": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "account_id": {
            "type": "string"
          },
          "status": {
            "type": "string"
          },
          "currency": {
            "type": "string"
          },
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string"
                },
                "price_id": {
                  "type": "string"
                },
                "quantity": {
                  "type": "integer"
                }
              }
            }
          },
          "started_at": {
            "type": "string",
            "format": "date-time"
          },
          "current_period_start": {
            "type": "string",
            "format": "date-time"
          },
          "current_period_end": {
            "type": "string",
            "format": "date-time"
          },
          "mrr": {
            "$ref": "#/components/schemas/Money"
          }
        },
        "required": [
          "id",
          "account_id",
          "status",
          "currency",
          "items",
          "mrr"
        ]
      },
      "APIKey": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "role": {
            "$ref": "#/components/schemas/Role"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "last_used_at": {
            "type": "string",
            "format": "date-time"
          },
          "revoked_at": {
            "type": "string",
            "format": "date-time"
          },
          "token": {
            "type": "string",
            "pattern": "^tnr_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}$",
            "description": "The full token, only in the response that created the key."
          }
        },
        "required": [
          "id",
          "name",
          "role",
          "created_at"
        ]
      },
      "NewAPIKey": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "pattern": "^[^\\u0000]*[^\\u0000\\s][^\\u0000]*$",
            "description": "1 to 100 characters once spaces around it are trimmed."
          },
          "role": {
            "$ref": "#/components/schemas/Role"
          }
        },
        "required": [
          "name",
          "role"
        ],
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "Me": {
        "type": "object",
        "properties": {
          "key_id": {
            "type": "string"
          },
          "key_name": {
            "type": "string"
          },
          "role": {
            "$ref": "#/components/schemas/Role"
          }
        },
        "required": [
          "key_id",
          "key_name",
          "role"
        ]
      },
      "CSM": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "email": {
            "type": "string"
          },
          "active": {
            "type": "boolean"
          },
          "manager_id": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "name"
        ]
      },
      "CSMDraft": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "pattern": "^[^\\u0000]*$"
          },
          "email": {
            "type": "string",
            "pattern": "^[^\\u0000]*$",
            "description": "An email address such as ana@example.com."
          },
          "active": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "Whether the CSM takes accounts; true when left out or null."
          },
          "manager_id": {
            "type": [
              "string",
              "null"
            ],
            "pattern": "^[^\\u0000]*$",
            "description": "Another CSM's id: whom escalations of this CSM's overdue tasks reach; none when left out or null."
          }
        },
        "required": [
          "name",
          "email"
        ]
      },
      "Plan": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "product_id": {
            "type": "string"
          },
          "product_name": {
            "type": "string"
          },
          "nickname": {
            "type": "string"
          },
          "currency": {
            "type": "string"
          },
          "unit_amount": {
            "type": "integer"
          },
          "interval": {
            "type": "string"
          },
          "interval_count": {
            "type": "integer"
          },
          "pricing_model": {
            "type": "string"
          },
          "active": {
            "type": "boolean"
          },
          "usage_limits": {
            "type": "object"
          }
        },
        "required": [
          "id",
          "product_id",
          "currency",
          "interval",
          "interval_count"
        ]
      },
      "StripeEvent": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "type": {
            "type": "string"
          },
          "created": {
            "type": "integer",
            "format": "int64"
          },
          "object_type": {
            "type": "string"
          },
          "object_id": {
            "type": "string"
          },
          "received_at": {
            "type": "string",
            "format": "date-time"
          },
          "error": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "type",
          "created",
          "object_type",
          "object_id",
          "received_at"
        ]
      },
      "MetricsPolicy": {
        "type": "object",
        "properties": {
          "mrr": {
            "anyOf": [
              {
                "type": "object",
                "properties": {
                  "discounts": {
                    "anyOf": [
                      {
                        "type": "string",
                        "enum": [
                          "all",
                          "recurring",
                          "forever_only",
                          "none"
                        ]
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "counts_past_due": {
                    "anyOf": [
                      {
                        "type": "boolean"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "churn_recognition": {
                    "anyOf": [
                      {
                        "type": "string",
                        "enum": [
                          "at_period_end",
                          "at_cancellation"
                        ]
                      },
                      {
                        "type": "null"
                      }
                    ]
                  }
                },
                "propertyNames": {
                  "pattern": "^[^\\u0000]*$"
                },
                "additionalProperties": {
                  "$ref": "#/components/schemas/JSONValue"
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "grouping": {
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "instant",
                  "hour",
                  "day"
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "reporting_currency": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Currency"
              },
              {
                "type": "null"
              }
            ]
          },
          "exchange_rates": {
            "anyOf": [
              {
                "type": "object",
                "properties": {
                  "parts_per_billion": {
                    "type": "object",
                    "additionalProperties": {
                      "type": "integer",
                      "format": "int64"
                    },
                    "description": "Units of the reporting currency per billion units of each other currency.",
                    "propertyNames": {
                      "pattern": "^[^\\u0000]*$"
                    }
                  }
                },
                "required": [
                  "parts_per_billion"
                ],
                "propertyNames": {
                  "pattern": "^[^\\u0000]*$"
                },
                "additionalProperties": {
                  "$ref": "#/components/schemas/JSONValue"
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "time_zone": {
            "anyOf": [
              {
                "type": "string",
                "examples": [
                  "UTC"
                ],
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "gross_margin": {
            "anyOf": [
              {
                "type": "number"
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "description": "Every field optional in a request: what is left out takes its default.",
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "ProductConfiguration": {
        "type": "object",
        "properties": {
          "engagement_event": {
            "anyOf": [
              {
                "type": "string",
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "core_features": {
            "anyOf": [
              {
                "type": "array",
                "items": {
                  "type": "string",
                  "pattern": "^[^\\u0000]*$"
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "first_value": {
            "anyOf": [
              {
                "type": "object",
                "properties": {
                  "event": {
                    "type": "string",
                    "pattern": "^[^\\u0000]*$"
                  },
                  "count": {
                    "type": "integer",
                    "format": "int64"
                  }
                },
                "required": [
                  "event",
                  "count"
                ],
                "propertyNames": {
                  "pattern": "^[^\\u0000]*$"
                },
                "additionalProperties": {
                  "$ref": "#/components/schemas/JSONValue"
                }
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "description": "Every field optional in a request: what is left out takes its default.",
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "RevenueReport": {
        "type": "object",
        "properties": {
          "as_of": {
            "type": "string",
            "format": "date-time"
          },
          "currency": {
            "type": "string"
          },
          "interval": {
            "type": "string",
            "enum": [
              "month",
              "day"
            ]
          },
          "breakdown": {
            "type": "string"
          },
          "periods": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "groups": {
            "type": "object",
            "additionalProperties": {
              "type": "array",
              "items": {
                "type": "object"
              }
            }
          },
          "policy": {
            "$ref": "#/components/schemas/MetricsPolicy"
          },
          "unconverted_accounts": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        },
        "required": [
          "as_of",
          "currency"
        ],
        "description": "Per period: MRR at start and end, new, expansion, contraction, churn and reactivation MRR (minor units), customers, ARR, ARPA, churn rates, NRR/GRR, quick ratio, LTV; by group when `by` is given."
      },
      "MetricExplanation": {
        "type": "object",
        "properties": {
          "metric": {
            "type": "string"
          },
          "period": {
            "type": "object",
            "properties": {
              "label": {
                "type": "string"
              },
              "start": {
                "type": "string",
                "format": "date-time"
              },
              "end": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "formula": {
            "type": "string"
          },
          "value": {
            "type": [
              "number",
              "null"
            ]
          },
          "inputs": {
            "type": "object"
          },
          "accounts": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "movements": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "omitted": {
            "type": "integer"
          }
        },
        "required": [
          "metric",
          "period",
          "formula"
        ]
      },
      "CohortReport": {
        "type": "object",
        "properties": {
          "currency": {
            "type": "string"
          },
          "cohorts": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "cohort": {
                  "type": "string"
                },
                "accounts": {
                  "type": "integer"
                },
                "paying": {
                  "type": "array",
                  "items": {
                    "type": "integer"
                  }
                },
                "mrr": {
                  "type": "array",
                  "items": {
                    "type": "integer"
                  }
                },
                "logo_retention": {
                  "type": "array",
                  "items": {
                    "type": "number"
                  }
                },
                "revenue_retention": {
                  "type": "array",
                  "items": {
                    "type": "number"
                  }
                }
              }
            }
          }
        },
        "required": [
          "currency",
          "cohorts"
        ]
      },
      "CustomerSuccessReport": {
        "type": "object",
        "properties": {
          "from": {
            "type": "string"
          },
          "to": {
            "type": "string"
          },
          "periods": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "nps": {
            "type": "object"
          },
          "csat": {
            "type": "object"
          },
          "ces": {
            "type": "object"
          },
          "adoption": {
            "type": "object"
          },
          "time_to_first_value": {
            "type": "object"
          }
        },
        "required": [
          "periods"
        ]
      },
      "CSMBook": {
        "type": "object",
        "properties": {
          "csm_id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "accounts": {
            "type": "integer"
          },
          "paying_accounts": {
            "type": "integer"
          },
          "mrr": {
            "type": "integer"
          },
          "arr": {
            "type": "integer"
          },
          "red_accounts": {
            "type": "integer"
          },
          "average_health": {
            "type": "number"
          },
          "trailing12m_nrr": {
            "type": "number"
          },
          "trailing12m_grr": {
            "type": "number"
          }
        },
        "required": [
          "accounts",
          "mrr"
        ]
      },
      "HealthValidation": {
        "type": "object",
        "properties": {
          "definition_version": {
            "type": "integer"
          },
          "definition_name": {
            "type": "string"
          },
          "validated_auc": {
            "type": "number"
          },
          "validated_at": {
            "type": "string",
            "format": "date-time"
          },
          "horizon_days": {
            "type": "integer"
          }
        },
        "required": [
          "definition_version",
          "definition_name"
        ]
      },
      "HealthList": {
        "allOf": [
          {
            "$ref": "#/components/schemas/AccountPage"
          },
          {
            "type": "object",
            "properties": {
              "validation": {
                "$ref": "#/components/schemas/HealthValidation"
              },
              "distribution": {
                "type": "object",
                "additionalProperties": {
                  "type": "integer"
                }
              }
            },
            "required": [
              "validation",
              "distribution"
            ]
          }
        ]
      },
      "AccountHealth": {
        "type": "object",
        "properties": {
          "account_id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "segment": {
            "type": "string"
          },
          "engagement_model": {
            "$ref": "#/components/schemas/EngagementModel"
          },
          "day": {
            "type": "string",
            "format": "date-time"
          },
          "computed_at": {
            "type": "string",
            "format": "date-time"
          },
          "definition_version": {
            "type": "integer"
          },
          "health": {
            "type": "object",
            "properties": {
              "score": {
                "type": "number"
              },
              "colour": {
                "$ref": "#/components/schemas/HealthColour"
              },
              "signals": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              },
              "adoption": {
                "type": "object"
              }
            },
            "required": [
              "score",
              "colour"
            ]
          },
          "validation": {
            "$ref": "#/components/schemas/HealthValidation"
          },
          "history": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "segment_history": {
            "type": "array",
            "items": {
              "type": "object"
            }
          }
        },
        "required": [
          "account_id",
          "name",
          "day",
          "computed_at",
          "definition_version",
          "health",
          "validation",
          "history",
          "segment_history"
        ]
      },
      "HealthAlert": {
        "type": "object",
        "properties": {
          "account_name": {
            "type": "string"
          },
          "owner_id": {
            "type": "string"
          },
          "definition_version": {
            "type": "integer"
          },
          "alert": {
            "type": "object",
            "properties": {
              "account_id": {
                "type": "string"
              },
              "at": {
                "type": "string",
                "format": "date-time"
              },
              "from": {
                "type": "number"
              },
              "from_at": {
                "type": "string",
                "format": "date-time"
              },
              "to": {
                "type": "number"
              }
            }
          }
        },
        "required": [
          "alert"
        ]
      },
      "RecomputeSummary": {
        "type": "object",
        "properties": {
          "cutoffs": {
            "type": "integer"
          },
          "scored": {
            "type": "integer"
          },
          "colours": {
            "type": "object",
            "additionalProperties": {
              "type": "integer"
            }
          },
          "segments_changed": {
            "type": "integer"
          },
          "alerts": {
            "type": "integer"
          },
          "definition_version": {
            "type": "integer"
          },
          "facts_version": {
            "type": "integer"
          }
        },
        "required": [
          "scored",
          "definition_version"
        ]
      },
      "Backtest": {
        "type": "object",
        "properties": {
          "definition_version": {
            "type": "integer"
          },
          "run_at": {
            "type": "string",
            "format": "date-time"
          },
          "report": {
            "type": "object",
            "description": "ROC AUC of the score and each signal, churn per colour band, green accounts that churned."
          }
        },
        "required": [
          "definition_version",
          "run_at",
          "report"
        ]
      },
      "Calibration": {
        "type": "object",
        "properties": {
          "calibration": {
            "type": "object"
          },
          "proposed_version": {
            "type": "integer"
          }
        },
        "required": [
          "calibration"
        ]
      },
      "Definition": {
        "type": "object",
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "health",
              "segmentation"
            ]
          },
          "version": {
            "type": "integer"
          },
          "name": {
            "type": "string"
          },
          "format": {
            "type": "string",
            "enum": [
              "yaml",
              "json"
            ]
          },
          "source": {
            "type": "string"
          },
          "note": {
            "type": "string"
          },
          "origin": {
            "type": "string"
          },
          "active": {
            "type": "boolean"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "activated_at": {
            "type": "string",
            "format": "date-time"
          }
        },
        "required": [
          "kind",
          "version",
          "name",
          "format",
          "source",
          "active",
          "created_at"
        ]
      },
      "Segments": {
        "type": "object",
        "properties": {
          "definition_version": {
            "type": "integer"
          },
          "name": {
            "type": "string"
          },
          "segments": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "key": {
                  "type": "string"
                },
                "engagement_model": {
                  "$ref": "#/components/schemas/EngagementModel"
                },
                "accounts": {
                  "type": "integer"
                }
              }
            }
          },
          "unmatched": {
            "type": "integer"
          }
        },
        "required": [
          "definition_version",
          "name",
          "segments",
          "unmatched"
        ]
      },
      "Coverage": {
        "type": "object",
        "properties": {
          "csm_id": {
            "type": "string"
          },
          "name": {
            "type": [
              "string",
              "null"
            ]
          },
          "accounts": {
            "type": "object",
            "additionalProperties": {
              "type": "integer"
            }
          },
          "total_accounts": {
            "type": "integer"
          },
          "load": {
            "type": "number"
          },
          "status": {
            "type": "string"
          }
        },
        "required": [
          "status"
        ]
      },
      "ModelSummary": {
        "type": "object",
        "properties": {
          "version": {
            "type": "integer"
          },
          "trained_at": {
            "type": "string",
            "format": "date-time"
          },
          "horizon_days": {
            "type": "integer"
          },
          "roc_auc": {
            "type": "number"
          },
          "pr_auc": {
            "type": "number"
          },
          "brier_score": {
            "type": "number"
          },
          "top_decile_lift": {
            "type": "number"
          },
          "concordance": {
            "type": "number"
          },
          "test_cutoffs": {
            "type": "array",
            "items": {
              "type": "string",
              "format": "date-time"
            }
          }
        },
        "required": [
          "version",
          "trained_at",
          "horizon_days",
          "roc_auc",
          "pr_auc",
          "brier_score",
          "top_decile_lift",
          "test_cutoffs"
        ]
      },
      "RiskList": {
        "allOf": [
          {
            "type": "object",
            "properties": {
              "data": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              },
              "total": {
                "type": "integer",
                "minimum": 0
              },
              "limit": {
                "type": "integer",
                "minimum": 1
              },
              "offset": {
                "type": "integer",
                "minimum": 0
              },
              "next_offset": {
                "type": "integer",
                "minimum": 0,
                "description": "Offset of the next page; absent on the last page."
              }
            },
            "required": [
              "data",
              "total",
              "limit",
              "offset"
            ]
          },
          {
            "type": "object",
            "properties": {
              "model": {
                "$ref": "#/components/schemas/ModelSummary"
              }
            },
            "required": [
              "model"
            ]
          }
        ]
      },
      "AccountRisk": {
        "type": "object",
        "properties": {
          "model": {
            "$ref": "#/components/schemas/ModelSummary"
          },
          "prediction": {
            "type": "object"
          }
        },
        "required": [
          "model",
          "prediction"
        ]
      },
      "ChurnModel": {
        "type": "object",
        "properties": {
          "version": {
            "type": "integer"
          },
          "trained_at": {
            "type": "string",
            "format": "date-time"
          },
          "model": {
            "type": "object"
          },
          "report": {
            "type": "object"
          }
        },
        "required": [
          "version",
          "trained_at",
          "model",
          "report"
        ]
      },
      "Activation": {
        "type": "object",
        "properties": {
          "days": {
            "type": "integer"
          },
          "horizon_days": {
            "type": "integer"
          },
          "accounts": {
            "type": "integer"
          },
          "data": {
            "type": "array",
            "items": {
              "type": "object"
            }
          }
        },
        "required": [
          "days",
          "horizon_days",
          "accounts",
          "data"
        ]
      },
      "SurvivalCurve": {
        "type": "object",
        "properties": {
          "group": {
            "type": "string"
          },
          "median_days": {
            "type": [
              "number",
              "null"
            ]
          },
          "rows": {
            "type": "array",
            "items": {
              "type": "object"
            }
          }
        },
        "required": [
          "group",
          "rows"
        ]
      },
      "Jobs": {
        "type": "object",
        "properties": {
          "jobs": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "name": {
                  "type": "string"
                },
                "interval": {
                  "type": "number"
                },
                "next_run_at": {
                  "type": "string",
                  "format": "date-time"
                },
                "lease_owner": {
                  "type": "string"
                },
                "lease_expires_at": {
                  "type": "string",
                  "format": "date-time"
                }
              },
              "required": [
                "name",
                "interval",
                "next_run_at"
              ]
            }
          },
          "runs": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "job": {
                  "type": "string"
                },
                "due_at": {
                  "type": "string",
                  "format": "date-time"
                },
                "node": {
                  "type": "string"
                },
                "attempts": {
                  "type": "integer",
                  "minimum": 1
                },
                "started_at": {
                  "type": "string",
                  "format": "date-time"
                },
                "heartbeat_at": {
                  "type": "string",
                  "format": "date-time"
                },
                "finished_at": {
                  "type": "string",
                  "format": "date-time"
                },
                "status": {
                  "type": "string",
                  "enum": [
                    "running",
                    "succeeded",
                    "failed"
                  ]
                },
                "detail": {
                  "type": "string"
                }
              },
              "required": [
                "job",
                "due_at",
                "node",
                "attempts",
                "started_at",
                "heartbeat_at",
                "status",
                "detail"
              ]
            }
          }
        },
        "required": [
          "jobs",
          "runs"
        ]
      },
      "Status": {
        "type": "object",
        "properties": {
          "status": {
            "type": "string"
          },
          "backend": {
            "type": "string"
          },
          "pending_migrations": {
            "type": "array",
            "items": {
              "type": "integer"
            }
          }
        },
        "required": [
          "status"
        ]
      },
      "SegmentMessage": {
        "type": "object",
        "properties": {
          "type": {
            "anyOf": [
              {
                "type": "string",
                "description": "`identify`, `group`, `track` or `page` (default: the route's); a call of another type is listed in `rejected`.",
                "examples": [
                  "track"
                ],
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "messageId": {
            "anyOf": [
              {
                "type": [
                  "string",
                  "integer"
                ],
                "minimum": -9223372036854775808,
                "maximum": 9223372036854775807,
                "description": "An id, as a string or a number (`42` becomes `\"42\"`)."
              },
              {
                "type": "null"
              }
            ]
          },
          "userId": {
            "anyOf": [
              {
                "type": [
                  "string",
                  "integer"
                ],
                "minimum": -9223372036854775808,
                "maximum": 9223372036854775807,
                "description": "An id, as a string or a number (`42` becomes `\"42\"`)."
              },
              {
                "type": "null"
              }
            ]
          },
          "anonymousId": {
            "anyOf": [
              {
                "type": [
                  "string",
                  "integer"
                ],
                "minimum": -9223372036854775808,
                "maximum": 9223372036854775807,
                "description": "An id, as a string or a number (`42` becomes `\"42\"`)."
              },
              {
                "type": "null"
              }
            ]
          },
          "groupId": {
            "anyOf": [
              {
                "type": [
                  "string",
                  "integer"
                ],
                "minimum": -9223372036854775808,
                "maximum": 9223372036854775807,
                "description": "An id, as a string or a number (`42` becomes `\"42\"`)."
              },
              {
                "type": "null"
              }
            ]
          },
          "event": {
            "anyOf": [
              {
                "type": "string",
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "name": {
            "anyOf": [
              {
                "type": "string",
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "properties": {
            "anyOf": [
              {
                "type": "object",
                "propertyNames": {
                  "pattern": "^[^\\u0000]*$"
                },
                "additionalProperties": {
                  "$ref": "#/components/schemas/JSONValue"
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "traits": {
            "anyOf": [
              {
                "type": "object",
                "propertyNames": {
                  "pattern": "^[^\\u0000]*$"
                },
                "additionalProperties": {
                  "$ref": "#/components/schemas/JSONValue"
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "context": {
            "anyOf": [
              {
                "type": "object",
                "propertyNames": {
                  "pattern": "^[^\\u0000]*$"
                },
                "additionalProperties": {
                  "$ref": "#/components/schemas/JSONValue"
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "timestamp": {
            "anyOf": [
              {
                "type": "string",
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "originalTimestamp": {
            "anyOf": [
              {
                "type": "string",
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "sentAt": {
            "anyOf": [
              {
                "type": "string",
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "writeKey": {
            "anyOf": [
              {
                "description": "The write key, when no Authorization header is sent (ignored when one is)."
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "description": "A Segment call (camelCase keys, as Segment's libraries send them).",
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "SegmentBatch": {
        "type": "object",
        "properties": {
          "batch": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SegmentMessage"
            },
            "maxItems": 10000
          },
          "sentAt": {
            "anyOf": [
              {
                "type": "string",
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "writeKey": {
            "anyOf": [
              {
                "description": "The write key, when no Authorization header is sent (ignored when one is)."
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "required": [
          "batch"
        ],
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "TrackingReceipt": {
        "type": "object",
        "properties": {
          "success": {
            "type": "boolean"
          },
          "accepted": {
            "type": "integer",
            "minimum": 0
          },
          "duplicates": {
            "type": "integer",
            "minimum": 0
          },
          "rejected": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "index": {
                  "type": "integer"
                },
                "field": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                }
              },
              "required": [
                "index",
                "field",
                "message"
              ]
            }
          }
        },
        "required": [
          "success",
          "accepted",
          "duplicates",
          "rejected"
        ]
      },
      "WebhookReceipt": {
        "type": "object",
        "properties": {
          "received": {
            "type": "boolean"
          },
          "outcome": {
            "type": "string"
          }
        },
        "required": [
          "received",
          "outcome"
        ]
      },
      "JSONValue": {
        "anyOf": [
          {
            "type": "string",
            "pattern": "^[^\\u0000]*$"
          },
          {
            "type": "number"
          },
          {
            "type": "boolean"
          },
          {
            "type": "null"
          },
          {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/JSONValue"
            }
          },
          {
            "type": "object",
            "propertyNames": {
              "pattern": "^[^\\u0000]*$"
            },
            "additionalProperties": {
              "$ref": "#/components/schemas/JSONValue"
            }
          }
        ],
        "description": "Any JSON value; strings and keys may not hold U+0000."
      },
      "EventType": {
        "type": "string",
        "enum": [
          "account.health.changed",
          "account.risk.raised",
          "renewal.upcoming",
          "payment.failed",
          "payment.recovered",
          "subscription.canceled",
          "survey.response.created",
          "task.created",
          "task.overdue",
          "task.escalated",
          "account.segment.changed",
          "account.stage.changed",
          "playbook.notification",
          "digest.daily",
          "ping"
        ],
        "description": "A domain event's type (docs/notifications.md)."
      },
      "DeliveryStatus": {
        "type": "string",
        "enum": [
          "pending",
          "succeeded",
          "failed"
        ]
      },
      "NotificationEndpoint": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "kind": {
            "type": "string",
            "enum": [
              "webhook",
              "slack",
              "email"
            ]
          },
          "target": {
            "type": "string",
            "description": "The webhook URL, the Slack URL cut after its workspace, or the email address."
          },
          "description": {
            "type": "string"
          },
          "event_types": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "Event types or patterns (`*`, `account.*`)."
          },
          "segments": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "owners": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "status": {
            "type": "string",
            "enum": [
              "enabled",
              "disabled"
            ]
          },
          "disabled_reason": {
            "type": "string"
          },
          "contact_email": {
            "type": "string"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "secret": {
            "type": "string",
            "pattern": "^whsec_",
            "description": "A webhook's signing secret, only in the response that created the endpoint."
          }
        },
        "required": [
          "id",
          "kind",
          "target",
          "description",
          "event_types",
          "segments",
          "owners",
          "status",
          "created_at",
          "updated_at"
        ]
      },
      "EndpointDraft": {
        "type": "object",
        "properties": {
          "kind": {
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "webhook",
                  "slack",
                  "email"
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "target": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2000,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "description": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 500,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "event_types": {
            "anyOf": [
              {
                "type": "array",
                "items": {
                  "type": "string",
                  "maxLength": 200,
                  "pattern": "^[^\\u0000]*$"
                },
                "maxItems": 100
              },
              {
                "type": "null"
              }
            ]
          },
          "segments": {
            "anyOf": [
              {
                "type": "array",
                "items": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 200,
                  "pattern": "^[^\\u0000]*$"
                },
                "maxItems": 100
              },
              {
                "type": "null"
              }
            ]
          },
          "owners": {
            "anyOf": [
              {
                "type": "array",
                "items": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 200,
                  "pattern": "^[^\\u0000]*$"
                },
                "maxItems": 100
              },
              {
                "type": "null"
              }
            ]
          },
          "contact_email": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 320,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "enabled": {
            "anyOf": [
              {
                "type": "boolean"
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "description": "Every field optional: a change names only what it changes. To create, `kind`, `target` and `event_types` are needed (422 naming the field otherwise). An empty `contact_email` removes it.",
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "SecretRotation": {
        "type": "object",
        "properties": {
          "overlap_seconds": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 0,
                "maximum": 604800,
                "default": 86400
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "ReplaySelection": {
        "type": "object",
        "properties": {
          "endpoint_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "event_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "status": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/DeliveryStatus"
              },
              {
                "type": "null"
              }
            ]
          },
          "event_type": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/EventType"
              },
              {
                "type": "null"
              }
            ]
          },
          "since": {
            "anyOf": [
              {
                "anyOf": [
                  {
                    "type": "string",
                    "format": "date",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                  },
                  {
                    "type": "string",
                    "format": "date-time",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                  }
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "until": {
            "anyOf": [
              {
                "anyOf": [
                  {
                    "type": "string",
                    "format": "date",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                  },
                  {
                    "type": "string",
                    "format": "date-time",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                  }
                ]
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "DeliveryAttempt": {
        "type": "object",
        "properties": {
          "attempt": {
            "type": "integer",
            "minimum": 1
          },
          "node": {
            "type": "string"
          },
          "started_at": {
            "type": "string",
            "format": "date-time"
          },
          "duration_ms": {
            "type": "integer",
            "minimum": 0
          },
          "status_code": {
            "type": "integer"
          },
          "error": {
            "type": "string"
          },
          "request": {
            "type": "string",
            "description": "The request line and headers sent (signatures cut short)."
          },
          "response": {
            "type": "string",
            "description": "The start of the response body."
          }
        },
        "required": [
          "attempt",
          "node",
          "started_at",
          "duration_ms",
          "request",
          "response"
        ]
      },
      "Delivery": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "event_id": {
            "type": "string"
          },
          "event_type": {
            "$ref": "#/components/schemas/EventType"
          },
          "account_id": {
            "type": "string"
          },
          "endpoint_id": {
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/DeliveryStatus"
          },
          "attempt_count": {
            "type": "integer",
            "minimum": 0,
            "description": "Attempts made in all, replays included."
          },
          "next_attempt_at": {
            "type": "string",
            "format": "date-time"
          },
          "last_status_code": {
            "type": "integer"
          },
          "last_error": {
            "type": "string"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "attempts": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DeliveryAttempt"
            },
            "description": "Every attempt, first to last; only in `GET /api/v1/deliveries/{id}`."
          }
        },
        "required": [
          "id",
          "event_id",
          "event_type",
          "endpoint_id",
          "status",
          "attempt_count",
          "created_at",
          "updated_at"
        ]
      },
      "Event": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "type": {
            "$ref": "#/components/schemas/EventType"
          },
          "account_id": {
            "type": "string"
          },
          "occurred_at": {
            "type": "string",
            "format": "date-time"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "payload": {
            "type": "object",
            "description": "Only in `GET /api/v1/events/{id}`: the body every endpoint receives.",
            "properties": {
              "type": {
                "$ref": "#/components/schemas/EventType"
              },
              "timestamp": {
                "type": "string",
                "format": "date-time"
              },
              "data": {
                "type": "object"
              }
            },
            "required": [
              "type",
              "timestamp",
              "data"
            ]
          }
        },
        "required": [
          "id",
          "type",
          "occurred_at",
          "created_at"
        ]
      },
      "DeliveryPage": {
        "type": "object",
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Delivery"
            }
          },
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "limit": {
            "type": "integer",
            "minimum": 1
          },
          "offset": {
            "type": "integer",
            "minimum": 0
          },
          "next_offset": {
            "type": "integer",
            "minimum": 0,
            "description": "Offset of the next page; absent on the last page."
          }
        },
        "required": [
          "data",
          "total",
          "limit",
          "offset"
        ]
      },
      "EventPage": {
        "type": "object",
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Event"
            }
          },
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "limit": {
            "type": "integer",
            "minimum": 1
          },
          "offset": {
            "type": "integer",
            "minimum": 0
          },
          "next_offset": {
            "type": "integer",
            "minimum": 0,
            "description": "Offset of the next page; absent on the last page."
          }
        },
        "required": [
          "data",
          "total",
          "limit",
          "offset"
        ]
      },
      "TaskStatus": {
        "type": "string",
        "enum": [
          "open",
          "in_progress",
          "snoozed",
          "done",
          "canceled"
        ],
        "description": "Where a task is in its life."
      },
      "TaskPriority": {
        "type": "string",
        "enum": [
          "low",
          "normal",
          "high",
          "urgent"
        ]
      },
      "TaskOutcome": {
        "type": "string",
        "enum": [
          "resolved",
          "saved",
          "risk_confirmed",
          "expansion",
          "no_response",
          "not_needed"
        ],
        "description": "What came of a finished task."
      },
      "TouchpointKind": {
        "type": "string",
        "enum": [
          "call",
          "meeting",
          "qbr",
          "email",
          "note"
        ]
      },
      "PlaybookRunStatus": {
        "type": "string",
        "enum": [
          "active",
          "completed",
          "held_out",
          "canceled",
          "failed"
        ]
      },
      "Task": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "account_id": {
            "type": "string"
          },
          "account_name": {
            "type": "string"
          },
          "owner_id": {
            "type": "string",
            "description": "The CSM responsible; absent while the task waits in a queue."
          },
          "owner_name": {
            "type": "string"
          },
          "queue": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "details": {
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/TaskStatus"
          },
          "priority": {
            "$ref": "#/components/schemas/TaskPriority"
          },
          "due_at": {
            "type": "string",
            "format": "date-time"
          },
          "sla_due_at": {
            "type": "string",
            "format": "date-time",
            "description": "When the task breaks its SLA."
          },
          "snoozed_until": {
            "type": "string",
            "format": "date-time"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          },
          "completed_at": {
            "type": "string",
            "format": "date-time"
          },
          "outcome": {
            "$ref": "#/components/schemas/TaskOutcome"
          },
          "outcome_note": {
            "type": "string"
          },
          "source": {
            "type": "string",
            "description": "`manual`, `touchpoint:<id>` or `playbook:<name>`."
          },
          "playbook_run_id": {
            "type": "string"
          },
          "playbook_step": {
            "type": "integer",
            "minimum": 0
          },
          "escalation_tier": {
            "type": "integer",
            "minimum": 0,
            "description": "Escalation tiers fired so far."
          },
          "overdue": {
            "type": "boolean",
            "description": "Open or in progress, and its deadline has passed."
          },
          "comments": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/TaskComment"
            },
            "description": "Only in `GET /api/v1/tasks/{id}`."
          },
          "history": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/TaskChange"
            },
            "description": "Only in `GET /api/v1/tasks/{id}`: every change, oldest first."
          }
        },
        "required": [
          "id",
          "title",
          "status",
          "priority",
          "created_at",
          "updated_at",
          "source",
          "escalation_tier",
          "overdue"
        ]
      },
      "TaskPage": {
        "type": "object",
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Task"
            }
          },
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "limit": {
            "type": "integer",
            "minimum": 1
          },
          "offset": {
            "type": "integer",
            "minimum": 0
          },
          "next_offset": {
            "type": "integer",
            "minimum": 0,
            "description": "Offset of the next page; absent on the last page."
          }
        },
        "required": [
          "data",
          "total",
          "limit",
          "offset"
        ]
      },
      "TaskComment": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "task_id": {
            "type": "string"
          },
          "author": {
            "type": "string"
          },
          "body": {
            "type": "string"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          }
        },
        "required": [
          "id",
          "task_id",
          "author",
          "body",
          "created_at"
        ]
      },
      "TaskChange": {
        "type": "object",
        "properties": {
          "task_id": {
            "type": "string"
          },
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "actor": {
            "type": "string",
            "description": "The API key, user, `playbook:<name>`, `escalation` or `tenure` (the sweep)."
          },
          "action": {
            "type": "string",
            "enum": [
              "created",
              "edited",
              "completed",
              "reopened",
              "snoozed",
              "woke",
              "reassigned",
              "commented",
              "canceled",
              "escalated",
              "overdue"
            ]
          },
          "detail": {
            "type": "string",
            "description": "What changed, in words (`owner csm_1 → csm_2`)."
          }
        },
        "required": [
          "task_id",
          "at",
          "actor",
          "action",
          "detail"
        ]
      },
      "TaskLoad": {
        "type": "object",
        "properties": {
          "as_of": {
            "type": "string",
            "format": "date-time"
          },
          "day_end": {
            "type": "string",
            "format": "date-time"
          },
          "week_end": {
            "type": "string",
            "format": "date-time"
          },
          "data": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "owner_id": {
                  "type": "string"
                },
                "owner_name": {
                  "type": "string"
                },
                "queue": {
                  "type": "string",
                  "description": "For a queue's unowned tasks."
                },
                "open": {
                  "type": "integer",
                  "minimum": 0
                },
                "overdue": {
                  "type": "integer",
                  "minimum": 0
                },
                "due_today": {
                  "type": "integer",
                  "minimum": 0
                },
                "due_this_week": {
                  "type": "integer",
                  "minimum": 0
                }
              },
              "required": [
                "open",
                "overdue",
                "due_today",
                "due_this_week"
              ]
            }
          }
        },
        "required": [
          "as_of",
          "day_end",
          "week_end",
          "data"
        ]
      },
      "TaskDraft": {
        "type": "object",
        "description": "A manual task: give at most one of `owner_id` and `queue`, of `due_at` and `due_days`, of `sla_business_hours` and `sla_business_days` (422 naming the second otherwise).",
        "properties": {
          "account_id": {
            "type": "string",
            "maxLength": 200,
            "pattern": "^[^\\u0000]*$"
          },
          "title": {
            "type": "string",
            "maxLength": 1000,
            "pattern": "^[^\\u0000]*$"
          },
          "details": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 10000,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "owner_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "queue": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 100,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "due_at": {
            "anyOf": [
              {
                "anyOf": [
                  {
                    "type": "string",
                    "format": "date",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                  },
                  {
                    "type": "string",
                    "format": "date-time",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                  }
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "due_days": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 0,
                "maximum": 3650
              },
              {
                "type": "null"
              }
            ]
          },
          "priority": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/TaskPriority"
              },
              {
                "type": "null"
              }
            ]
          },
          "sla_business_hours": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 1,
                "maximum": 10000
              },
              {
                "type": "null"
              }
            ]
          },
          "sla_business_days": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 1,
                "maximum": 3650
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "required": [
          "account_id",
          "title"
        ],
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "TaskEdit": {
        "type": "object",
        "properties": {
          "title": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 1000,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "details": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 10000,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "due_at": {
            "anyOf": [
              {
                "anyOf": [
                  {
                    "type": "string",
                    "format": "date",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                  },
                  {
                    "type": "string",
                    "format": "date-time",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                  }
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "priority": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/TaskPriority"
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "TaskCompletion": {
        "type": "object",
        "properties": {
          "outcome": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/TaskOutcome"
              },
              {
                "type": "null"
              }
            ]
          },
          "note": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 10000,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "TaskSnooze": {
        "type": "object",
        "description": "`until` (in the future) or `days`, one of the two.",
        "properties": {
          "until": {
            "anyOf": [
              {
                "anyOf": [
                  {
                    "type": "string",
                    "format": "date",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
                  },
                  {
                    "type": "string",
                    "format": "date-time",
                    "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
                  }
                ]
              },
              {
                "type": "null"
              }
            ]
          },
          "days": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 1,
                "maximum": 365
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "TaskReassignment": {
        "type": "object",
        "description": "`owner_id` or `queue`, one of the two.",
        "properties": {
          "owner_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "queue": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 100,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "Cancellation": {
        "type": "object",
        "properties": {
          "reason": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 1000,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "CommentDraft": {
        "type": "object",
        "properties": {
          "body": {
            "type": "string",
            "maxLength": 10000,
            "pattern": "^[^\\u0000]*$"
          }
        },
        "required": [
          "body"
        ],
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "Touchpoint": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "account_id": {
            "type": "string"
          },
          "csm_id": {
            "type": "string"
          },
          "kind": {
            "$ref": "#/components/schemas/TouchpointKind"
          },
          "occurred_at": {
            "type": "string",
            "format": "date-time"
          },
          "summary": {
            "type": "string"
          },
          "executive_sponsor_present": {
            "type": "boolean"
          },
          "attendees": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "Contact ids."
          },
          "next_step": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "account_id",
          "kind",
          "occurred_at",
          "summary",
          "executive_sponsor_present",
          "attendees"
        ],
        "example": {
          "id": "tp_0c1d2e4b5a697c103f9a",
          "account_id": "acct_0000001",
          "csm_id": "csm_1",
          "kind": "qbr",
          "occurred_at": "2026-06-15T12:00:00.000Z",
          "summary": "Reviewed adoption; exports are the sticking point.",
          "executive_sponsor_present": true,
          "attendees": [
            "contact_0000001"
          ],
          "next_step": "Send the export guide"
        }
      },
      "TouchpointPage": {
        "type": "object",
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Touchpoint"
            }
          },
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "limit": {
            "type": "integer",
            "minimum": 1
          },
          "offset": {
            "type": "integer",
            "minimum": 0
          },
          "next_offset": {
            "type": "integer",
            "minimum": 0,
            "description": "Offset of the next page; absent on the last page."
          }
        },
        "required": [
          "data",
          "total",
          "limit",
          "offset"
        ]
      },
      "LoggedTouchpoint": {
        "type": "object",
        "properties": {
          "touchpoint": {
            "$ref": "#/components/schemas/Touchpoint"
          },
          "task": {
            "$ref": "#/components/schemas/Task"
          }
        },
        "required": [
          "touchpoint"
        ]
      },
      "TouchpointDraft": {
        "type": "object",
        "description": "A touchpoint; `create_task` needs a `next_step`.",
        "properties": {
          "account_id": {
            "type": "string",
            "maxLength": 200,
            "pattern": "^[^\\u0000]*$"
          },
          "kind": {
            "$ref": "#/components/schemas/TouchpointKind"
          },
          "occurred_at": {
            "anyOf": [
              {
                "type": "string",
                "format": "date",
                "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}"
              },
              {
                "type": "string",
                "format": "date-time",
                "pattern": "^(19[7-9][0-9]|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}T"
              },
              {
                "type": "null"
              }
            ],
            "description": "Now when left out."
          },
          "summary": {
            "type": "string",
            "maxLength": 10000,
            "pattern": "^[^\\u0000]*$"
          },
          "attendees": {
            "anyOf": [
              {
                "type": "array",
                "maxItems": 100,
                "items": {
                  "type": "string",
                  "maxLength": 200,
                  "pattern": "^[^\\u0000]*$"
                }
              },
              {
                "type": "null"
              }
            ]
          },
          "csm_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "executive_sponsor_present": {
            "anyOf": [
              {
                "type": "boolean"
              },
              {
                "type": "null"
              }
            ]
          },
          "next_step": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 1000,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          },
          "create_task": {
            "anyOf": [
              {
                "type": "boolean"
              },
              {
                "type": "null"
              }
            ]
          },
          "next_step_due_days": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 0,
                "maximum": 3650
              },
              {
                "type": "null"
              }
            ]
          },
          "next_step_owner_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 200,
                "pattern": "^[^\\u0000]*$"
              },
              {
                "type": "null"
              }
            ]
          }
        },
        "required": [
          "account_id",
          "kind",
          "summary"
        ],
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "PlaybookSummary": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string"
          },
          "latest_version": {
            "type": "integer",
            "minimum": 1
          },
          "active_version": {
            "type": "integer",
            "minimum": 1
          },
          "runs": {
            "type": "object",
            "description": "Runs by status.",
            "properties": {
              "active": {
                "type": "integer",
                "minimum": 0
              },
              "completed": {
                "type": "integer",
                "minimum": 0
              },
              "held_out": {
                "type": "integer",
                "minimum": 0
              },
              "canceled": {
                "type": "integer",
                "minimum": 0
              },
              "failed": {
                "type": "integer",
                "minimum": 0
              }
            },
            "required": [
              "active",
              "completed",
              "held_out",
              "canceled",
              "failed"
            ]
          }
        },
        "required": [
          "name",
          "latest_version",
          "runs"
        ]
      },
      "PlaybookVersion": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string"
          },
          "version": {
            "type": "integer",
            "minimum": 1
          },
          "format": {
            "type": "string",
            "enum": [
              "yaml",
              "json"
            ]
          },
          "source": {
            "type": "string",
            "description": "The document as it was written."
          },
          "note": {
            "type": "string"
          },
          "author": {
            "type": "string",
            "description": "The API key (or user) that added it."
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "active": {
            "type": "boolean"
          },
          "activated_at": {
            "type": "string",
            "format": "date-time"
          },
          "outline": {
            "$ref": "#/components/schemas/PlaybookOutline"
          },
          "versions": {
            "type": "array",
            "description": "Only in `GET /api/v1/playbooks/{name}`, activate and deactivate: every version, oldest first.",
            "items": {
              "type": "object",
              "properties": {
                "version": {
                  "type": "integer",
                  "minimum": 1
                },
                "format": {
                  "type": "string",
                  "enum": [
                    "yaml",
                    "json"
                  ]
                },
                "note": {
                  "type": "string"
                },
                "author": {
                  "type": "string"
                },
                "created_at": {
                  "type": "string",
                  "format": "date-time"
                },
                "active": {
                  "type": "boolean"
                },
                "activated_at": {
                  "type": "string",
                  "format": "date-time"
                }
              },
              "required": [
                "version",
                "format",
                "created_at",
                "active"
              ]
            }
          }
        },
        "required": [
          "name",
          "version",
          "format",
          "source",
          "created_at",
          "active"
        ]
      },
      "PlaybookOutline": {
        "type": "object",
        "description": "The playbook read back in words.",
        "properties": {
          "description": {
            "type": "string"
          },
          "trigger": {
            "type": "string"
          },
          "conditions": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "limit": {
            "type": "string"
          },
          "holdout": {
            "type": "number",
            "minimum": 0,
            "maximum": 0.5
          },
          "steps": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        },
        "required": [
          "trigger",
          "conditions",
          "holdout",
          "steps"
        ],
        "example": {
          "trigger": "event survey.response.created where kind = nps and score ≤ 6",
          "conditions": [
            "segment one of mid_market, enterprise",
            "MRR ≥ 500.00"
          ],
          "limit": "once per account in 30 days",
          "holdout": 0.1,
          "steps": [
            "create task “Call {{account.name}} about their NPS {{response.score}}” for the account's owner, due in 2 days, priority high",
            "wait 7 days",
            "notify slack: “Detractor follow-up for {{account.name}} still open” if task open"
          ]
        }
      },
      "PlaybookActivation": {
        "type": "object",
        "properties": {
          "version": {
            "type": "integer",
            "minimum": 1,
            "maximum": 2147483647
          }
        },
        "required": [
          "version"
        ],
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "PlaybookStart": {
        "type": "object",
        "properties": {
          "account_id": {
            "type": "string",
            "maxLength": 200,
            "pattern": "^[^\\u0000]*$"
          }
        },
        "required": [
          "account_id"
        ],
        "propertyNames": {
          "pattern": "^[^\\u0000]*$"
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/JSONValue"
        }
      },
      "PlaybookRun": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "playbook": {
            "type": "string"
          },
          "version": {
            "type": "integer",
            "minimum": 1
          },
          "account_id": {
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/PlaybookRunStatus"
          },
          "trigger_key": {
            "type": "string",
            "description": "What started it; one run per playbook, account and key."
          },
          "trace": {
            "type": "string",
            "description": "Why it fired and which conditions matched, in words."
          },
          "trigger_data": {
            "type": "object",
            "description": "The data of the event (or occurrence) that started the run, which its steps' templates read."
          },
          "started_at": {
            "type": "string",
            "format": "date-time"
          },
          "next_step": {
            "type": "integer",
            "minimum": 0,
            "description": "Index of the next step to execute."
          },
          "next_step_at": {
            "type": "string",
            "format": "date-time"
          },
          "last_task_id": {
            "type": "string"
          },
          "finished_at": {
            "type": "string",
            "format": "date-time"
          },
          "reason": {
            "type": "string"
          },
          "steps": {
            "type": "array",
            "description": "Only in `GET /api/v1/playbook-runs/{id}` and cancel: the step log, oldest first.",
            "items": {
              "type": "object",
              "properties": {
                "run_id": {
                  "type": "string"
                },
                "index": {
                  "type": "integer",
                  "minimum": 0
                },
                "at": {
                  "type": "string",
                  "format": "date-time"
                },
                "outcome": {
                  "type": "string"
                }
              },
              "required": [
                "run_id",
                "index",
                "at",
                "outcome"
              ]
            }
          }
        },
        "required": [
          "id",
          "playbook",
          "version",
          "account_id",
          "status",
          "trigger_key",
          "trace",
          "started_at",
          "next_step"
        ]
      },
      "PlaybookRunPage": {
        "type": "object",
        "properties": {
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/PlaybookRun"
            }
          },
          "total": {
            "type": "integer",
            "minimum": 0
          },
          "limit": {
            "type": "integer",
            "minimum": 1
          },
          "offset": {
            "type": "integer",
            "minimum": 0
          },
          "next_offset": {
            "type": "integer",
            "minimum": 0,
            "description": "Offset of the next page; absent on the last page."
          }
        },
        "required": [
          "data",
          "total",
          "limit",
          "offset"
        ]
      },
      "PlaybookDryRun": {
        "type": "object",
        "properties": {
          "playbook": {
            "type": "string"
          },
          "from": {
            "type": "string",
            "format": "date-time"
          },
          "to": {
            "type": "string",
            "format": "date-time"
          },
          "occurrences": {
            "type": "integer",
            "minimum": 0,
            "description": "Trigger occurrences in the window, before conditions."
          },
          "enrolled": {
            "type": "integer",
            "minimum": 0
          },
          "held_out": {
            "type": "integer",
            "minimum": 0
          },
          "skipped": {
            "type": "integer",
            "minimum": 0
          },
          "skip_reasons": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "reason": {
                  "type": "string"
                },
                "count": {
                  "type": "integer",
                  "minimum": 0
                }
              },
              "required": [
                "reason",
                "count"
              ]
            }
          },
          "tasks": {
            "type": "integer",
            "minimum": 0
          },
          "notifications": {
            "type": "integer",
            "minimum": 0
          },
          "load": {
            "type": "array",
            "description": "Tasks per owner (`queue:<name>` for a queue) and ISO week.",
            "items": {
              "type": "object",
              "properties": {
                "owner": {
                  "type": "string"
                },
                "week": {
                  "type": "string"
                },
                "tasks": {
                  "type": "integer",
                  "minimum": 0
                }
              },
              "required": [
                "owner",
                "week",
                "tasks"
              ]
            }
          },
          "entries": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "account_id": {
                  "type": "string"
                },
                "account_name": {
                  "type": "string"
                },
                "at": {
                  "type": "string",
                  "format": "date-time"
                },
                "held_out": {
                  "type": "boolean"
                },
                "trace": {
                  "type": "string"
                },
                "tasks": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              },
              "required": [
                "account_id",
                "account_name",
                "at",
                "held_out",
                "trace",
                "tasks"
              ]
            }
          }
        },
        "required": [
          "playbook",
          "from",
          "to",
          "occurrences",
          "enrolled",
          "held_out",
          "skipped",
          "skip_reasons",
          "tasks",
          "notifications",
          "load",
          "entries"
        ]
      },
      "EffectEstimate": {
        "type": "object",
        "properties": {
          "treated": {
            "type": "object",
            "description": "Enrolled accounts, and how many had the outcome.",
            "properties": {
              "count": {
                "type": "integer",
                "minimum": 0
              },
              "events": {
                "type": "integer",
                "minimum": 0
              }
            },
            "required": [
              "count",
              "events"
            ]
          },
          "control": {
            "type": "object",
            "description": "Held-out accounts, and how many had the outcome.",
            "properties": {
              "count": {
                "type": "integer",
                "minimum": 0
              },
              "events": {
                "type": "integer",
                "minimum": 0
              }
            },
            "required": [
              "count",
              "events"
            ]
          },
          "difference": {
            "type": "number",
            "description": "Treated rate minus control rate; absent while either group is empty."
          },
          "low": {
            "type": "number",
            "description": "Lower end of the 95% interval of the difference."
          },
          "high": {
            "type": "number",
            "description": "Upper end of the 95% interval of the difference."
          },
          "significant": {
            "type": "boolean",
            "description": "The interval leaves out zero and both groups have at least ten accounts."
          },
          "note": {
            "type": "string",
            "description": "Why the estimate cannot be trusted yet."
          }
        },
        "required": [
          "treated",
          "control",
          "significant"
        ]
      },
      "PlaybookEffect": {
        "type": "object",
        "properties": {
          "playbook": {
            "type": "string"
          },
          "horizon_days": {
            "type": "integer",
            "minimum": 30,
            "maximum": 365
          },
          "as_of": {
            "type": "string",
            "format": "date-time"
          },
          "enrolled": {
            "type": "integer",
            "minimum": 0
          },
          "held_out": {
            "type": "integer",
            "minimum": 0
          },
          "matured_enrolled": {
            "type": "integer",
            "minimum": 0
          },
          "matured_held_out": {
            "type": "integer",
            "minimum": 0
          },
          "churn": {
            "$ref": "#/components/schemas/EffectEstimate"
          },
          "renewal": {
            "$ref": "#/components/schemas/EffectEstimate"
          },
          "expansion": {
            "$ref": "#/components/schemas/EffectEstimate"
          }
        },
        "required": [
          "playbook",
          "horizon_days",
          "as_of",
          "enrolled",
          "held_out",
          "matured_enrolled",
          "matured_held_out",
          "churn",
          "renewal",
          "expansion"
        ]
      }
    },
    "parameters": {
      "Activate": {
        "description": "Make the new version active (default false).",
        "in": "query",
        "name": "activate",
        "schema": {
          "enum": [
            "true",
            "false",
            "1",
            "0",
            ""
          ],
          "type": "string"
        }
      },
      "By": {
        "description": "Break the figures down by this attribute.",
        "in": "query",
        "name": "by",
        "schema": {
          "enum": [
            "segment",
            "plan",
            "industry",
            "csm",
            ""
          ],
          "type": "string"
        }
      },
      "C": {
        "description": "Inverse L2 regularisation.",
        "in": "query",
        "name": "c",
        "schema": {
          "anyOf": [
            {
              "default": 1,
              "maximum": 1000000.0,
              "minimum": 1e-06,
              "type": "number"
            },
            {
              "maxLength": 0,
              "type": "string"
            }
          ]
        }
      },
      "Csm": {
        "description": "Only accounts whose csm is this value.",
        "in": "query",
        "name": "csm",
        "schema": {
          "maxLength": 200,
          "pattern": "^[^\\u0000]*$",
          "type": "string"
        }
      },
      "From": {
        "description": "First period, e.g. `2026-01` (month) or `2026-01-15` (day).",
        "in": "query",
        "name": "from",
        "schema": {
          "examples": [
            "2026-01"
          ],
          "pattern": "^((19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
          "type": "string"
        }
      },
      "HorizonDays": {
        "description": "Churn horizon.",
        "in": "query",
        "name": "horizon_days",
        "schema": {
          "anyOf": [
            {
              "default": 90,
              "maximum": 365,
              "minimum": 7,
              "type": "integer"
            },
            {
              "maxLength": 0,
              "type": "string"
            }
          ]
        }
      },
      "Industry": {
        "description": "Only accounts whose industry is this value.",
        "in": "query",
        "name": "industry",
        "schema": {
          "maxLength": 200,
          "pattern": "^[^\\u0000]*$",
          "type": "string"
        }
      },
      "Interval": {
        "description": "Period length (default month).",
        "in": "query",
        "name": "interval",
        "schema": {
          "enum": [
            "month",
            "day",
            ""
          ],
          "type": "string"
        }
      },
      "LimitForAccounts": {
        "description": "Page size (1–500).",
        "in": "query",
        "name": "limit",
        "schema": {
          "anyOf": [
            {
              "default": 50,
              "maximum": 500,
              "minimum": 1,
              "type": "integer"
            },
            {
              "maxLength": 0,
              "type": "string"
            }
          ]
        }
      },
      "LimitForEvents": {
        "description": "Page size (1–1000).",
        "in": "query",
        "name": "limit",
        "schema": {
          "anyOf": [
            {
              "default": 100,
              "maximum": 1000,
              "minimum": 1,
              "type": "integer"
            },
            {
              "maxLength": 0,
              "type": "string"
            }
          ]
        }
      },
      "Note": {
        "description": "Why this version exists.",
        "in": "query",
        "name": "note",
        "schema": {
          "maxLength": 1000,
          "pattern": "^[^\\u0000]*$",
          "type": "string"
        }
      },
      "Offset": {
        "description": "Items to skip.",
        "in": "query",
        "name": "offset",
        "schema": {
          "anyOf": [
            {
              "default": 0,
              "maximum": 10000000,
              "minimum": 0,
              "type": "integer"
            },
            {
              "maxLength": 0,
              "type": "string"
            }
          ]
        }
      },
      "Owner": {
        "description": "Only this CSM's accounts.",
        "in": "query",
        "name": "owner",
        "schema": {
          "maxLength": 200,
          "pattern": "^[^\\u0000]*$",
          "type": "string"
        }
      },
      "Plan": {
        "description": "Only accounts whose plan is this value.",
        "in": "query",
        "name": "plan",
        "schema": {
          "maxLength": 200,
          "pattern": "^[^\\u0000]*$",
          "type": "string"
        }
      },
      "SegmentForHealth": {
        "description": "Only this segment.",
        "in": "query",
        "name": "segment",
        "schema": {
          "maxLength": 200,
          "pattern": "^[^\\u0000]*$",
          "type": "string"
        }
      },
      "SegmentForRevenue": {
        "description": "Only accounts whose segment is this value.",
        "in": "query",
        "name": "segment",
        "schema": {
          "maxLength": 200,
          "pattern": "^[^\\u0000]*$",
          "type": "string"
        }
      },
      "To": {
        "description": "Last period (default: the current one).",
        "in": "query",
        "name": "to",
        "schema": {
          "examples": [
            "2026-01"
          ],
          "pattern": "^((19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
          "type": "string"
        }
      },
      "Version": {
        "description": "Definition version (default: the active one).",
        "in": "query",
        "name": "version",
        "schema": {
          "anyOf": [
            {
              "maximum": 2147483647,
              "minimum": 1,
              "type": "integer"
            },
            {
              "maxLength": 0,
              "type": "string"
            }
          ]
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request is malformed: an unknown or repeated query parameter, a value out of range, JSON that does not parse or has a wrong type; `field` names the culprit.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "error": {
                "code": "bad_request",
                "message": "unknown query parameter; this route takes limit, offset",
                "field": "colour"
              }
            }
          }
        }
      },
      "Unauthorized": {
        "description": "No key, or a key that is malformed, unknown or revoked.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "error": {
                "code": "unauthorized",
                "message": "the API key is not valid"
              }
            }
          }
        },
        "headers": {
          "WWW-Authenticate": {
            "schema": {
              "type": "string"
            },
            "description": "`Bearer realm=\"tenure\"`"
          }
        }
      },
      "Forbidden": {
        "description": "The key's role does not allow this route.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "error": {
                "code": "forbidden",
                "message": "this action needs the admin role; the key 'ci' has viewer"
              }
            }
          }
        }
      },
      "NotFound": {
        "description": "What the path names does not exist (or has not been computed yet).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "error": {
                "code": "not_found",
                "message": "account 'acct_1' was not found"
              }
            }
          }
        }
      },
      "Conflict": {
        "description": "The request conflicts with what is stored.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "error": {
                "code": "conflict",
                "message": "a key cannot revoke itself; use another admin key"
              }
            }
          }
        }
      },
      "ContentTooLarge": {
        "description": "The body is over the route's limit (1 MiB for the API).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "error": {
                "code": "payload_too_large",
                "message": "the request body is larger than the 1 MiB limit"
              }
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "The body's content type is not one the route reads.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "error": {
                "code": "unsupported_media_type",
                "message": "send the body as application/json (got text/plain)"
              }
            }
          }
        }
      },
      "Unprocessable": {
        "description": "The body is well-formed but its values are not acceptable (`validation_failed`, `missing_reference`, `invalid_value`).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "error": {
                "code": "validation_failed",
                "message": "is required to create an account",
                "field": "name"
              }
            }
          }
        }
      },
      "Unavailable": {
        "description": "The database is unavailable or busy; retry after the given seconds.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "error": {
                "code": "unavailable",
                "message": "the database is unavailable; try again shortly"
              }
            }
          }
        },
        "headers": {
          "Retry-After": {
            "schema": {
              "type": "string"
            },
            "description": "Seconds to wait."
          }
        }
      },
      "TrackingBadRequest": {
        "description": "The request is malformed: an unknown or repeated query parameter, a value out of range, JSON that does not parse or has a wrong type; `field` names the culprit.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/SegmentError"
            }
          }
        }
      },
      "TrackingUnauthorized": {
        "description": "No key, or a key that is malformed, unknown or revoked.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/SegmentError"
            }
          }
        }
      },
      "TrackingForbidden": {
        "description": "The key's role does not allow this route.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/SegmentError"
            }
          }
        }
      },
      "TrackingContentTooLarge": {
        "description": "The body is over the route's limit (1 MiB for the API).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/SegmentError"
            }
          }
        }
      },
      "TrackingUnavailable": {
        "description": "The database is unavailable or busy; retry after the given seconds.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/SegmentError"
            }
          }
        }
      }
    },
    "securitySchemes": {
      "apiKey": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "tnr_<12-character id>_<32-character secret>",
        "description": "An API key from `tenure keys create --role viewer|member|admin`, as `Authorization: Bearer tnr_…`."
      },
      "writeKey": {
        "type": "http",
        "scheme": "basic",
        "description": "A writer key (`tenure keys create --role writer`) as the HTTP Basic user name, password empty — as Segment's libraries send it."
      },
      "stripeSignature": {
        "type": "apiKey",
        "in": "header",
        "name": "Stripe-Signature",
        "description": "Stripe's HMAC-SHA256 signature of the body with the endpoint's signing secret (`whsec_…`)."
      }
    }
  }
}

"""#
}
