package serverlessinstance

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/importid"
)

// EncodeID builds the id the official provider stores for a serverless
// instance: base64("name"):base64(name)-base64("project_id"):base64(project_id).
func EncodeID(projectID, name string) string {
	return importid.EncodeStateID(map[string]string{"name": name, "project_id": projectID})
}

// DecodeID reverses EncodeID. It accepts exactly what EncodeID produces, with
// the two parts in either order (early releases of the official provider did
// not sort them), so an id always names one instance and re-encodes to itself:
// a repeated or unknown part, or base64 that EncodeID would not write (wrong
// padding bits, line breaks), is refused rather than half-read.
func DecodeID(id string) (projectID, name string, err error) {
	parts := strings.Split(id, "-")
	if len(parts) != 2 {
		return "", "", fmt.Errorf("malformed serverless instance id %q: want base64(\"name\"):base64(name)-base64(\"project_id\"):base64(project_id)", id)
	}
	values := map[string]string{}
	for _, part := range parts {
		k, v, ok := strings.Cut(part, ":")
		key, keyOK := decodeCanonical(k)
		value, valueOK := decodeCanonical(v)
		if !ok || !keyOK || !valueOK {
			return "", "", fmt.Errorf("malformed serverless instance id %q", id)
		}
		if _, seen := values[key]; seen || (key != "name" && key != "project_id") {
			return "", "", fmt.Errorf("malformed serverless instance id %q: it must hold name and project_id once each", id)
		}
		values[key] = value
	}
	if values["project_id"] == "" || values["name"] == "" {
		return "", "", fmt.Errorf("serverless instance id %q lacks project_id or name", id)
	}
	return values["project_id"], values["name"], nil
}

// decodeCanonical decodes standard base64 and accepts it only in the form
// EncodeID writes.
func decodeCanonical(s string) (string, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || base64.StdEncoding.EncodeToString(b) != s {
		return "", false
	}
	return string(b), true
}
