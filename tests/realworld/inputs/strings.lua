-- Strings: formatting, patterns, gsub with a function, byte/char, utf8.
local s = "The quick brown fox jumps over the lazy dog"
print(#s, s:upper(), s:lower():sub(5, 9))
print(string.format("%5d|%-8s|%08.3f|%x|%q", 42, "left", math.pi, 255, "a\nb"))
for w in s:gmatch("%a+") do io.write(w:len(), " ") end
print()
print((s:gsub("(%w+)", function(w) return w:reverse() end)))
print(s:find("fox"), s:match("(%a+) dog"), ("x"):rep(5, "-"))
print(string.byte("ABC", 1, -1), string.char(104, 105))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häll€"))
print(table.concat({ "a", "b", "c" }, ", "), tostring(1e15), 2^53, 7 // 2, 7 % -3)
