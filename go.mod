module github.com/edgemetrics/fastly-datasource

go 1.26.5
