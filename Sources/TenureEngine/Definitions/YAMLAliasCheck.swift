import CYaml
import TenureCore
import TenureStore

/// Refuses YAML anchors and aliases before any node is built: a few hundred bytes of nested
/// aliases ("billion laughs") would otherwise expand to gigabytes. Reads libyaml's event
/// stream, which never expands an alias, so the check costs one pass over the text.
public enum YAMLAliasCheck {
    public static func check(_ text: String) throws(ValidationError) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw ValidationError(field: nil, "the YAML parser could not start") }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        let problem: ValidationError? = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                // A syntax error is left for the full parse to describe.
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                switch event.type {
                case YAML_ALIAS_EVENT:
                    return ValidationError(field: nil, "YAML aliases (*name) are not accepted (line \(line)); write the value out")
                case YAML_SCALAR_EVENT where event.data.scalar.anchor != nil,
                     YAML_SEQUENCE_START_EVENT where event.data.sequence_start.anchor != nil,
                     YAML_MAPPING_START_EVENT where event.data.mapping_start.anchor != nil:
                    return ValidationError(field: nil, "YAML anchors (&name) are not accepted (line \(line)); write the value out")
                case YAML_STREAM_END_EVENT:
                    return nil
                default:
                    continue
                }
            }
        }
        if let problem { throw problem }
    }
}
