// auscult-se-key: Auscult's device key in the Mac's Secure Enclave (CryptoKit), for the Java agent to call.
//
//   auscult-se-key create   prints "public <base64 X9.63 point>" and "blob <base64 key blob>"
//   auscult-se-key sign     reads the key blob (base64) and the data (base64) as two lines on stdin,
//                           prints the ES256 signature (base64, raw r||s, 64 bytes)
//
// The private key is made inside the Secure Enclave and never leaves it: the blob is the key wrapped by this Mac's
// Secure Enclave, useless on any other machine, and nothing (root included) can read the key out. Using it needs
// the Mac to be unlocked (kSecAttrAccessibleWhenUnlockedThisDeviceOnly) and no user presence, so a scheduled report
// is signed without a prompt. No keychain item is made, so the tool needs no keychain entitlement.
// Built by packaging/jpackage/macos/build-pkg.sh into Auscult.app/Contents/MacOS.
import CryptoKit
import Foundation
import Security

func fail(_ message: String) -> Never {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
    exit(1)
}

guard SecureEnclave.isAvailable else { fail("no Secure Enclave on this Mac") }
let arguments = CommandLine.arguments
guard arguments.count == 2 else { fail("usage: auscult-se-key create | sign") }

switch arguments[1] {
case "create":
    var error: Unmanaged<CFError>?
    guard let access = SecAccessControlCreateWithFlags(nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, .privateKeyUsage, &error) else {
        fail("access control: \(error!.takeRetainedValue())")
    }
    do {
        let key = try SecureEnclave.P256.Signing.PrivateKey(accessControl: access)
        print("public " + key.publicKey.x963Representation.base64EncodedString())
        print("blob " + key.dataRepresentation.base64EncodedString())
    } catch {
        fail("the Secure Enclave could not make a key: \(error)")
    }
case "sign":
    guard let blobLine = readLine(), let dataLine = readLine(),
          let blob = Data(base64Encoded: blobLine), let data = Data(base64Encoded: dataLine) else {
        fail("sign reads two base64 lines: the key blob, then the data")
    }
    do {
        let key = try SecureEnclave.P256.Signing.PrivateKey(dataRepresentation: blob)
        print(try key.signature(for: data).rawRepresentation.base64EncodedString())
    } catch {
        fail("the Secure Enclave could not sign: \(error)")
    }
default:
    fail("usage: auscult-se-key create | sign")
}
