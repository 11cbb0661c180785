-- The os library: fixed dates, environment, clock, remove and rename, tmpname.
print(os.date("!%Y-%m-%d %H:%M:%S", 0), os.date("!%A %B %j", 86400 * 400))
print(os.time({ year = 2000, month = 1, day = 1, hour = 12 }) ~= nil)
print(os.getenv("HOME"), os.getenv("PATH"), os.getenv("NO_SUCH_VAR"))
print(type(os.clock()), os.difftime(10, 4))
local d = "/tmp/lua-os"
os.execute("mkdir -p " .. d)
local f = assert(io.open(d .. "/a", "w")); f:write("x\n"); f:close()
print(os.rename(d .. "/a", d .. "/b"))
print(io.open(d .. "/a"), io.open(d .. "/b") ~= nil)
print(os.remove(d .. "/b"), os.remove(d .. "/b"))
