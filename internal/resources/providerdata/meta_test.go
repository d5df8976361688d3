package providerdata

import "testing"

func TestUserAgentSuffix(t *testing.T) {
	cases := []struct {
		name                     string
		module, version, typName string
		op                       Operation
		extra                    map[string]string
		want                     string
	}{
		{"no provider_meta", "", "", "mongodbatlas_flex_cluster", OpRead, nil,
			"Name/flex_cluster Operation/read"},
		{"module and version", "project", "1.4.0", "mongodbatlas_project", OpCreate, nil,
			"ModuleName/project ModuleVersion/1.4.0 Name/project Operation/create"},
		{"data source, extras in key order", "", "", "data.mongodbatlas_projects", OpRead, map[string]string{"z": "1", "a": "2"},
			"Name/data.projects Operation/read a/2 z/1"},
		{"values that would break the header are cleaned", "my module", "v1/2\r\n", "mongodbatlas_project", OpDelete, map[string]string{"k (x)": "é ok", "empty": ""},
			"ModuleName/my_module ModuleVersion/v1_2 Name/project Operation/delete k__x_/_ok"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := userAgentSuffix(c.module, c.version, c.typName, c.op, c.extra); got != c.want {
				t.Errorf("userAgentSuffix() = %q, want %q", got, c.want)
			}
		})
	}
}
