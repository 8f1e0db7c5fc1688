-- POST /tickets with a realistic body; the key comes from the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = os.getenv("BENCH_KEY")
wrk.body = '{"title":"Printer on floor 2 shows offline","description":"Since this morning nobody can print to HP-2F.","priority":"high","category":"hardware"}'
