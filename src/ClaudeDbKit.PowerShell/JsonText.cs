using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// Writes a PowerShell hashtable (<c>-Updates @{ title = '...' }</c>, <c>-Capabilities</c>, <c>-TriggerCondition</c>)
/// as the JSON object a jsonb argument takes. Values PowerShell wrapped in a PSObject are unwrapped; nested
/// hashtables become objects, lists become arrays; anything else is written as its invariant text.
/// </summary>
internal static class JsonText
{
    public static string FromDictionary(IDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            WriteValue(json, dictionary);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case PSObject wrapped when wrapped.BaseObject is not PSCustomObject:
                WriteValue(json, wrapped.BaseObject);
                break;
            case PSObject custom:
                json.WriteStartObject();
                foreach (var property in custom.Properties)
                {
                    json.WritePropertyName(property.Name);
                    WriteValue(json, property.Value);
                }
                json.WriteEndObject();
                break;
            case null or DBNull:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case SwitchParameter flag:
                json.WriteBooleanValue(flag.IsPresent);
                break;
            case Enum named:
                json.WriteStringValue(named.ToString());
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong big:
                json.WriteNumberValue(big);
                break;
            case float single:
                json.WriteNumberValue(single);
                break;
            case double number:
                json.WriteNumberValue(number);
                break;
            case decimal exact:
                json.WriteNumberValue(exact);
                break;
            case DateTime time:
                json.WriteStringValue(time.ToString("o", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                json.WriteStringValue(time.ToString("o", CultureInfo.InvariantCulture));
                break;
            case Guid id:
                json.WriteStringValue(id);
                break;
            case IDictionary dictionary:
                json.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    json.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(json, entry.Value);
                }
                json.WriteEndObject();
                break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                    WriteValue(json, item);
                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
