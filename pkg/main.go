// Command gpx_fastly is the Fastly datasource plugin's backend executable, run by Grafana.
package main

import (
	"os"

	"github.com/edgemetrics/fastly-datasource/pkg/plugin"
	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

func main() {
	if err := datasource.Manage("edgemetrics-fastly-datasource", plugin.NewDatasource, datasource.ManageOpts{}); err != nil {
		log.DefaultLogger.Error(err.Error())
		os.Exit(1)
	}
}
